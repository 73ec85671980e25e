package dev.example.quota;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Checks disk usage per team against the quotas in a properties file read at start. */
public final class Main {
    private static final Map<String, Long> USAGE_MB = new TreeMap<>(Map.of(
            "analytics", 182_000L,
            "platform", 40_500L,
            "web", 9_800L,
            "research", 260_000L));

    public static void main(String[] args) throws IOException {
        Path config = Path.of(args.length > 1 && args[0].equals("--config") ? args[1] : "conf/quota.properties");
        if (!Files.isReadable(config)) {
            System.err.println("quota: cannot read " + config.toAbsolutePath());
            System.exit(2);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(config)) {
            p.load(r);
        }
        String profile = System.getenv().getOrDefault("QUOTA_PROFILE", "default");
        long fallback = Long.parseLong(p.getProperty("default.mb", "50000"));
        int warnPercent = Integer.parseInt(p.getProperty("warn.percent", "80"));
        System.out.printf("quota report (%s, profile %s, warn at %d%%)%n", p.getProperty("site", "?"), profile, warnPercent);
        int over = 0;
        for (Map.Entry<String, Long> e : USAGE_MB.entrySet()) {
            String key = profile + "." + e.getKey() + ".mb";
            long limit = Long.parseLong(p.getProperty(key, p.getProperty(e.getKey() + ".mb", Long.toString(fallback))));
            long used = e.getValue();
            long percent = used * 100 / limit;
            String state = percent >= 100 ? "OVER" : percent >= warnPercent ? "warn" : "ok";
            if (percent >= 100) over++;
            System.out.printf("%-10s %8d / %8d MB %4d%%  %s%n", e.getKey(), used, limit, percent, state);
        }
        System.exit(over > 0 ? 1 : 0);
    }
}
