package ledger

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	in := "region,product,quantity,unit_cents\nnorth,bolt,3,150\nsouth,nut,1,20\nnorth,nut,2,20\n"
	got, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Region != "north" || got[0].Cents != 490 || got[0].Units != 5 {
		t.Fatalf("unexpected totals: %+v", got)
	}
}
