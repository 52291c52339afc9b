import Foundation

/// The effects the core needs, passed in as values so tests can fix them (isowords style).
public struct Effects: Sendable {
    /// Now, in milliseconds since 1970.
    public var now: @Sendable () -> Int64
    /// A fresh unique id.
    public var newID: @Sendable () -> UUID
    /// Random bytes, for join codes and secret links.
    public var randomBytes: @Sendable (Int) -> [UInt8]

    public init(now: @escaping @Sendable () -> Int64, newID: @escaping @Sendable () -> UUID, randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.now = now
        self.newID = newID
        self.randomBytes = randomBytes
    }

    /// The real clock, UUIDs and the system's secure random generator.
    public static let live = Effects(
        now: { Int64((Date().timeIntervalSince1970 * 1000).rounded()) },
        newID: { UUID() },
        randomBytes: { count in
            var generator = SystemRandomNumberGenerator()
            return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        })

    /// A join code people can read off a projector and type on a phone: 8 characters from an
    /// alphabet without look-alikes (no 0/O, 1/I/L), shown as `XXXX-XXXX`. 31^8 ≈ 8.5e11 codes.
    public func joinCode() -> String {
        let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
        let characters = randomBytes(8).map { alphabet[Int($0) % alphabet.count] }
        return String(characters[0..<4]) + "-" + String(characters[4..<8])
    }

    /// An unguessable token of `bytes` random bytes (16 bytes = 128 bits), URL-safe.
    public func secretToken(bytes: Int = 16) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        // 6 bits a character: 22 characters carry 132 bits from 17 bytes' worth of entropy.
        let raw = randomBytes(bytes + 1)
        var bits = 0, buffer = 0, output = ""
        for byte in raw {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                output.append(alphabet[(buffer >> bits) & 63])
            }
            buffer &= (1 << bits) - 1
        }
        return output
    }
}
