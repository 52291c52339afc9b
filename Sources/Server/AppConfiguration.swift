import Logging

/// How the server is started: from flags and environment variables in the CLI, fixed in tests.
public struct AppConfiguration: Sendable {
    public var hostname: String
    public var port: Int
    public var logLevel: Logger.Level
    /// Cookies marked `Secure` (needs HTTPS in front); off for a laptop on the venue's Wi-Fi.
    public var secureCookies: Bool
    /// The address people reach this server at (`https://cocreate.school.example`), for every
    /// absolute link: join URLs, QR codes, follow-up links. Nil: worked out from each request.
    public var publicURL: String?
    /// Connections per client, and how long a connection may be slow or idle.
    public var connections: ConnectionLimits

    public init(hostname: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info, secureCookies: Bool = false, publicURL: String? = nil,
                connections: ConnectionLimits = ConnectionLimits()) {
        self.hostname = hostname
        self.port = port
        self.logLevel = logLevel
        self.secureCookies = secureCookies
        self.publicURL = publicURL
        self.connections = connections
    }
}
