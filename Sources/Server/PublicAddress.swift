import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The address phones, QR codes and follow-up links must use: what the facilitator's own
/// browser typed is often `localhost`, which no phone can reach.
///
/// In order: the configured public URL (`--public-url`, behind a proxy or with TLS); when the
/// request came to a loopback name but the server listens on every interface, this machine's
/// address on the room's network (as development servers print their "Network:" URL); otherwise
/// the address the request came to, with its scheme.
public struct PublicAddress: Sendable {
    let configuration: AppConfiguration
    /// This machine's non-loopback IPv4 addresses, looked up once.
    let networkAddresses: [String]

    init(configuration: AppConfiguration, networkAddresses: [String]? = nil) {
        self.configuration = configuration
        self.networkAddresses = networkAddresses ?? Self.lookUpNetworkAddresses()
    }

    /// The base URL (no trailing slash) for absolute links in answers to `request`.
    func base(for request: Request) -> String {
        if let configured = configuration.publicURL?.trimmingCharacters(in: CharacterSet(charactersIn: "/")), !configured.isEmpty {
            return configured
        }
        let authority = request.head.authority ?? "localhost:\(configuration.port)"
        let host = Self.host(of: authority)
        if Self.isLoopback(host), Self.listensEverywhere(configuration.hostname), let lan = networkAddresses.first {
            return "http://\(lan):\(configuration.port)"
        }
        let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" || configuration.secureCookies ? "https" : "http"
        return "\(scheme)://\(authority)"
    }

    func url(_ path: String, for request: Request) -> String { base(for: request) + path }

    /// Whether phones on another device can reach `url`.
    static func isReachableFromOtherDevices(_ url: String) -> Bool {
        guard let host = URL(string: url)?.host else { return false }
        return !isLoopback(host)
    }

    static func host(of authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<end])
        }
        return String(authority.split(separator: ":").first ?? "")
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host.hasSuffix(".localhost")
    }

    public static func listensEverywhere(_ hostname: String) -> Bool { hostname == "0.0.0.0" || hostname == "::" }

    public static func lookUpNetworkAddresses() -> [String] {
        let devices = (try? System.enumerateDevices()) ?? []
        return devices.compactMap { device -> String? in
            guard let address = device.address, case .v4 = address, let ip = address.ipAddress, !ip.hasPrefix("127.") else { return nil }
            return ip
        }
    }
}
