package dev.stagewright.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** Prints the bundled ledger: every entry with --entries, balances with --summary (the default). */
public final class Main {
    public static void main(String[] args) throws IOException {
        boolean entries = false;
        for (String a : args) {
            switch (a) {
                case "--entries" -> entries = true;
                case "--summary" -> { }
                default -> {
                    System.err.println("usage: ledger [--entries] [--summary]");
                    System.exit(2);
                }
            }
        }
        Ledger ledger;
        try (InputStream in = Main.class.getResourceAsStream("/ledger.csv")) {
            if (in == null) {
                throw new IOException("ledger.csv is not in the jar");
            }
            ledger = Ledger.read(in);
        }
        String currency = System.getenv().getOrDefault("LEDGER_CURRENCY", "EUR");
        if (entries) {
            for (Entry e : ledger.entries()) {
                System.out.printf(Locale.ROOT, "%s  %-9s %-16s %10s%n", e.date(), e.account(), e.description(), e.amount());
            }
        }
        System.out.printf(Locale.ROOT, "%d entries%n", ledger.entries().size());
        for (Map.Entry<String, BigDecimal> b : ledger.balances().entrySet()) {
            System.out.printf(Locale.ROOT, "%-9s %10s %s%n", b.getKey(), b.getValue(), currency);
        }
        System.out.printf(Locale.ROOT, "%-9s %10s %s%n", "total", ledger.total(), currency);
        System.out.println("runtime: Java " + Runtime.version().feature());
    }
}
