//! Collatz sequences: lengths, peaks and the longest chain below a bound.

/// One step of the sequence.
pub fn step(n: u64) -> u64 {
    if n % 2 == 0 {
        n / 2
    } else {
        3 * n + 1
    }
}

/// Statistics of the sequence starting at a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub start: u64,
    pub steps: u32,
    pub peak: u64,
}

/// Follows the sequence from `start` down to 1.
pub fn stats(start: u64) -> Stats {
    assert!(start > 0, "the sequence starts at a positive number");
    let (mut n, mut steps, mut peak) = (start, 0u32, start);
    while n != 1 {
        n = step(n);
        steps += 1;
        peak = peak.max(n);
    }
    Stats { start, steps, peak }
}

/// The start below `bound` with the most steps (the smallest such start on ties), using a cache.
pub fn longest_below(bound: u64) -> Stats {
    let mut cache = vec![0u32; bound as usize];
    let mut best = stats(1);
    for start in 1..bound {
        let (mut n, mut steps) = (start, 0u32);
        while n != 1 && (n >= bound || cache[n as usize] == 0) {
            n = step(n);
            steps += 1;
        }
        if n != 1 {
            steps += cache[n as usize];
        }
        cache[start as usize] = steps;
        if steps > best.steps {
            best = stats(start);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_seven() {
        assert_eq!(stats(27), Stats { start: 27, steps: 111, peak: 9232 });
    }

    #[test]
    fn longest_below_ten() {
        assert_eq!(longest_below(10).start, 9);
    }
}
