import Conversations
import HummingbirdBcrypt

extension PasswordHashing {
    /// bcrypt at cost 12, from hummingbird-auth.
    public static let bcrypt = PasswordHashing(
        hash: { Bcrypt.hash($0, cost: 12) },
        verify: { Bcrypt.verify($0, hash: $1) },
        decoy: Bcrypt.hash("no account has this password", cost: 12))
}
