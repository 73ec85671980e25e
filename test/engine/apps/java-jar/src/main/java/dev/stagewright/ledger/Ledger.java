package dev.stagewright.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Entries read from CSV, with balances per account. */
public final class Ledger {
    private final List<Entry> entries;

    private Ledger(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static Ledger read(InputStream in) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !header.startsWith("date,")) {
                throw new IOException("not a ledger: missing header");
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    entries.add(Entry.parse(line));
                }
            }
        }
        return new Ledger(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    Map<String, BigDecimal> balances() {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Entry e : entries) {
            out.merge(e.account(), e.amount(), BigDecimal::add);
        }
        return out;
    }

    BigDecimal total() {
        return entries.stream().map(Entry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
