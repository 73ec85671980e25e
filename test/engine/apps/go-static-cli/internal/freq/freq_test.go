package freq

import "testing"

func TestTop(t *testing.T) {
	got := Top(Count("b a b, c a B"), 2)
	if len(got) != 2 || got[0] != (Entry{"b", 3}) || got[1] != (Entry{"a", 2}) {
		t.Fatalf("unexpected %v", got)
	}
}
