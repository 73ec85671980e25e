use std::env;

fn main() {
    let ink = env::var("BANNER_INK").ok().and_then(|s| s.chars().next()).unwrap_or('#');
    let words: Vec<String> = env::args().skip(1).collect();
    let words = if words.is_empty() { vec!["hello".to_string()] } else { words };
    for word in &words {
        for line in glyphs::render(word, ink) {
            println!("{line}");
        }
        println!();
    }
    println!("{} word(s), version {}", words.len(), env!("CARGO_PKG_VERSION"));
}
