//! beacon: checks sensor readings against the thresholds in a configuration file. The file is named
//! by the BEACON_CONFIG environment variable and read at start; without it the program stops.

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::process::ExitCode;

#[derive(Debug)]
struct Limits {
    low: f64,
    high: f64,
}

struct Config {
    site: String,
    unit: String,
    limits: BTreeMap<String, Limits>,
}

fn parse(text: &str) -> Result<Config, String> {
    let mut site = String::from("unnamed");
    let mut unit = String::from("?");
    let mut limits = BTreeMap::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| format!("line {}: expected key = value", n + 1))?;
        let (key, value) = (key.trim(), value.trim());
        match key {
            "site" => site = value.to_string(),
            "unit" => unit = value.to_string(),
            _ => {
                let sensor = key
                    .strip_prefix("limit.")
                    .ok_or_else(|| format!("line {}: unknown key {}", n + 1, key))?;
                let (low, high) = value
                    .split_once("..")
                    .ok_or_else(|| format!("line {}: a limit is LOW..HIGH", n + 1))?;
                let low: f64 = low.trim().parse().map_err(|e| format!("line {}: {}", n + 1, e))?;
                let high: f64 = high.trim().parse().map_err(|e| format!("line {}: {}", n + 1, e))?;
                limits.insert(sensor.to_string(), Limits { low, high });
            }
        }
    }
    Ok(Config { site, unit, limits })
}

const READINGS: &[(&str, f64)] = &[
    ("boiler", 71.5),
    ("boiler", 93.0),
    ("cellar", 11.2),
    ("cellar", 4.9),
    ("attic", 38.0),
    ("roof", 12.0),
];

fn main() -> ExitCode {
    let path = match env::var("BEACON_CONFIG") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("beacon: BEACON_CONFIG is not set");
            return ExitCode::from(2);
        }
    };
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("beacon: cannot read {}: {}", path, e);
            return ExitCode::from(2);
        }
    };
    let config = match parse(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("beacon: {}: {}", path, e);
            return ExitCode::from(2);
        }
    };
    println!("site {} ({} sensors configured)", config.site, config.limits.len());
    let mut alarms = 0;
    for (sensor, value) in READINGS {
        match config.limits.get(*sensor) {
            Some(l) if *value < l.low || *value > l.high => {
                alarms += 1;
                println!("ALARM {:<7} {:>6.1} {} outside {}..{}", sensor, value, config.unit, l.low, l.high);
            }
            Some(_) => println!("ok    {:<7} {:>6.1} {}", sensor, value, config.unit),
            None => println!("skip  {:<7} {:>6.1} {} (no limits)", sensor, value, config.unit),
        }
    }
    println!("{} alarm(s)", alarms);
    if alarms > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_limits() {
        let c = parse("site = a\nlimit.x = 1..2 # comment\n").unwrap();
        assert_eq!(c.site, "a");
        assert_eq!(c.limits["x"].high, 2.0);
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(parse("nonsense").is_err());
    }
}
