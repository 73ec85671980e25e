// Package ledger sums order lines (region, product, quantity, unit price in cents) by region.
package ledger

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Total is what one region sold.
type Total struct {
	Region string
	Orders int
	Units  int
	Cents  int64
}

// Read parses the CSV (with a header line) and returns the totals sorted by revenue, largest first.
func Read(r io.Reader) ([]Total, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.ToLower(h))] = i
	}
	for _, want := range []string{"region", "quantity", "unit_cents"} {
		if _, ok := col[want]; !ok {
			return nil, fmt.Errorf("missing column %q", want)
		}
	}
	byRegion := map[string]*Total{}
	line := 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return nil, err
		}
		qty, err := strconv.Atoi(strings.TrimSpace(rec[col["quantity"]]))
		if err != nil {
			return nil, fmt.Errorf("line %d: quantity: %w", line, err)
		}
		price, err := strconv.ParseInt(strings.TrimSpace(rec[col["unit_cents"]]), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("line %d: unit_cents: %w", line, err)
		}
		region := strings.TrimSpace(rec[col["region"]])
		t := byRegion[region]
		if t == nil {
			t = &Total{Region: region}
			byRegion[region] = t
		}
		t.Orders++
		t.Units += qty
		t.Cents += int64(qty) * price
	}
	out := make([]Total, 0, len(byRegion))
	for _, t := range byRegion {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Cents != out[j].Cents {
			return out[i].Cents > out[j].Cents
		}
		return out[i].Region < out[j].Region
	})
	return out, nil
}
