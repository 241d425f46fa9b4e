//! Prints a generated analysis: `cargo run --release --example synthetic -- 2000 > big.yaml`.
//! Arguments: number of outcomes (default 30), description length (default 40), seed (default 1).

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<u64>().ok());
    let mut next = |default: u64| args.next().flatten().unwrap_or(default);
    let shape = sroi::synthetic::Shape {
        outcomes: usize::try_from(next(30)).unwrap_or(30),
        description_len: usize::try_from(next(40)).unwrap_or(40),
        seed: next(1),
    };
    print!("{}", sroi::synthetic::analysis(shape));
}
