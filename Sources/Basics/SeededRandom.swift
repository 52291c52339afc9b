/// SplitMix64: a tiny, fast generator whose whole state is one integer, so a seed fixes every choice.
///
/// The engines never touch the system generator: the same seed must give the same plan, and the same opinion
/// groups, on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0), without the modulo bias mattering at these sizes.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}

extension Array {
    /// Fisher-Yates shuffle driven by the engine's own generator.
    public mutating func shuffle(using random: inout SeededRandom) {
        guard count > 1 else { return }
        for index in stride(from: count - 1, to: 0, by: -1) {
            swapAt(index, random.below(index + 1))
        }
    }
}
