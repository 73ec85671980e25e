package dev.stagewright.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One line of the ledger. */
public record Entry(LocalDate date, String account, String description, BigDecimal amount) {

    static Entry parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 4) {
            throw new IllegalArgumentException("expected 4 fields: " + line);
        }
        return new Entry(LocalDate.parse(f[0]), f[1], f[2], new BigDecimal(f[3]));
    }
}
