import Foundation
import PostgresNIO

/// Where a PostgreSQL database is and how to sign in: parsed from
/// `postgres://user:password@host:port/database?sslmode=disable`.
///
/// The port defaults to 5432 and the password may be absent. `sslmode` follows libpq's meaning:
/// `disable` (plain TCP), `prefer` (the default: TLS when the server offers it), `require` (TLS or
/// fail; like libpq, neither checks the certificate) and `verify-full` (TLS with the certificate
/// and host name verified). User, password and database may be percent-encoded.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode

    public init(host: String, port: Int = 5432, username: String, password: String?, database: String, tlsMode: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tlsMode = tlsMode
    }

    /// Whether `string` is meant as a PostgreSQL URL (by its scheme), valid or not.
    public static func looksLikePostgresURL(_ string: String) -> Bool {
        let lowered = string.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses `string`; the error says which part is missing or wrong.
    public init(_ string: String) throws(PostgresURLError) {
        guard Self.looksLikePostgresURL(string) else {
            throw PostgresURLError("\(Self.redacted(string)) does not start with postgres:// or postgresql://")
        }
        guard let components = URLComponents(string: string) else {
            throw PostgresURLError("\(Self.redacted(string)) is not a valid URL (are special characters in the password percent-encoded?)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresURLError("\(Self.redacted(string)) names no host (expected postgres://user:password@host:port/database)")
        }
        guard let username = components.user?.removingPercentEncoding, !username.isEmpty else {
            throw PostgresURLError("\(Self.redacted(string)) names no user (expected postgres://user:password@host:port/database)")
        }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else {
            throw PostgresURLError("\(Self.redacted(string)) has port \(port), outside 1...65535")
        }
        let path = components.percentEncodedPath.drop { $0 == "/" }
        guard let database = String(path).removingPercentEncoding, !database.isEmpty else {
            throw PostgresURLError("\(Self.redacted(string)) names no database (expected .../database after the host)")
        }
        guard !database.contains("/") else {
            throw PostgresURLError("\(Self.redacted(string)) has a database name containing '/': \(database)")
        }
        var tlsMode = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    let allowed = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw PostgresURLError("sslmode=\(item.value ?? "") is not one of \(allowed)")
                }
                tlsMode = mode
            default:
                throw PostgresURLError("unknown URL parameter \(item.name) (only sslmode is understood)")
            }
        }
        self.init(
            host: host, port: port, username: username,
            password: components.password?.removingPercentEncoding, database: database, tlsMode: tlsMode)
    }

    /// The URL with the password replaced by `***`, safe for logs and error messages.
    public var description: String {
        let credentials = password == nil ? username : "\(username):***"
        return "postgres://\(credentials)@\(host):\(port)/\(database)?sslmode=\(tlsMode.rawValue)"
    }

    /// The URL with another database, e.g. to connect to `postgres` and create a test database.
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// `string` with anything between `://user:` and `@` hidden, for error messages.
    static func redacted(_ string: String) -> String {
        guard let schemeEnd = string.range(of: "://"),
              let at = string[schemeEnd.upperBound...].lastIndex(of: "@"),
              let colon = string[schemeEnd.upperBound..<at].firstIndex(of: ":")
        else { return string }
        return string[..<string.index(after: colon)] + "***" + string[at...]
    }

    // MARK: postgres-nio configurations

    var clientTLS: PostgresClient.Configuration.TLS {
        switch tlsMode {
        case .disable: .disable
        case .prefer: .prefer(Self.unverifiedTLS)
        case .require: .require(Self.unverifiedTLS)
        case .verifyFull: .require(.makeClientConfiguration())
        }
    }

    var connectionTLS: PostgresConnection.Configuration.TLS {
        get throws {
            switch tlsMode {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: Self.unverifiedTLS))
            case .require: .require(try NIOSSLContext(configuration: Self.unverifiedTLS))
            case .verifyFull: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        }
    }

    /// libpq's `prefer` and `require` encrypt without checking the certificate; so do we.
    private static var unverifiedTLS: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }
}

/// A PostgreSQL URL that cannot be used; the message names the part that is wrong.
public struct PostgresURLError: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
