//! numsum: count, mean, median, spread and a histogram of the numbers given as arguments.

use std::process::ExitCode;

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn main() -> ExitCode {
    let mut values = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.parse::<f64>() {
            Ok(v) if v.is_finite() => values.push(v),
            _ => {
                eprintln!("numsum: not a number: {}", arg);
                return ExitCode::from(2);
            }
        }
    }
    if values.is_empty() {
        eprintln!("usage: numsum NUMBER...");
        return ExitCode::from(2);
    }
    let mut sorted = values.clone();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    println!("count  {}", values.len());
    println!("min    {}", sorted[0]);
    println!("max    {}", sorted[sorted.len() - 1]);
    println!("mean   {:.3}", mean);
    println!("median {:.3}", median(&sorted));
    println!("stddev {:.3}", var.sqrt());
    let (lo, hi) = (sorted[0], sorted[sorted.len() - 1]);
    let buckets = 5usize;
    let width = if hi > lo { (hi - lo) / buckets as f64 } else { 1.0 };
    let mut counts = vec![0usize; buckets];
    for v in &values {
        let i = (((v - lo) / width) as usize).min(buckets - 1);
        counts[i] += 1;
    }
    for (i, c) in counts.iter().enumerate() {
        let from = lo + width * i as f64;
        println!("{:>8.2} .. {:<8.2} {}", from, from + width, "#".repeat(*c));
    }
    ExitCode::SUCCESS
}
