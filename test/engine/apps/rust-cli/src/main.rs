use std::env;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: collatz N... (or --longest-below N)");
        return ExitCode::from(2);
    }
    if args[0] == "--longest-below" {
        let bound: u64 = match args.get(1).and_then(|a| a.parse().ok()) {
            Some(b) if b > 1 => b,
            _ => {
                eprintln!("collatz: --longest-below needs a number above 1");
                return ExitCode::from(2);
            }
        };
        let s = collatz::longest_below(bound);
        println!("longest below {}: {} ({} steps, peak {})", bound, s.start, s.steps, s.peak);
        return ExitCode::SUCCESS;
    }
    for arg in &args {
        match arg.parse::<u64>() {
            Ok(n) if n > 0 => {
                let s = collatz::stats(n);
                println!("{:>8}: {:>4} steps, peak {}", s.start, s.steps, s.peak);
            }
            _ => {
                eprintln!("collatz: not a positive number: {arg}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
