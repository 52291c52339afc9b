import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// The server's public JSON API as the load test uses it: the same calls a phone's page or a script makes.
struct LoadAPI: Sendable {
    let http: HTTPClient

    struct Failure: Error, CustomStringConvertible {
        var status: UInt
        var body: String
        var request = ""
        var description: String { "\(request): " + (status == 0 ? body : "HTTP \(status): \(body.prefix(200))") }
        /// Worth retrying on another instance: the server was unreachable or failing, not refusing the request.
        var isTransient: Bool { status == 0 || status >= 500 }
    }

    /// Sends one request; a connection error is reported as status 0 so callers can treat it like a 5xx.
    func send(
        _ method: HTTPMethod, _ url: String, json: [String: Any]? = nil, headers: [(String, String)] = []
    ) async throws(Failure) -> (headers: HTTPHeaders, body: Data) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            let data = (try? JSONSerialization.data(withJSONObject: json)) ?? Data()
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        do {
            let response = try await http.execute(request, timeout: .seconds(30))
            let body = Data((try await response.body.collect(upTo: 16 << 20)).readableBytesView)
            guard (200..<300).contains(response.status.code) else {
                throw Failure(status: response.status.code, body: String(decoding: body, as: UTF8.self), request: "\(method) \(url)")
            }
            return (response.headers, body)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(status: 0, body: "\(error)", request: "\(method) \(url)")
        }
    }

    /// Waits until `GET /healthz` answers, or throws after `seconds`.
    func waitUntilHealthy(_ server: String, seconds: Double) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while true {
            do {
                _ = try await send(.GET, server + "/healthz")
                return
            } catch {
                if ContinuousClock.now > deadline { throw LoadError("\(server) did not answer /healthz within \(Int(seconds)) s: \(error)") }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}

/// A facilitator signed in through `POST /api/v1/session`: the session cookie and the CSRF token every write needs.
///
/// Sessions live in the database, so with PostgreSQL the same cookie works on every instance; requests fail
/// over to the next instance when one stops answering.
final class FacilitatorClient: Sendable {
    let api: LoadAPI
    let servers: [String]
    let cookie: String
    let csrf: String

    static func signIn(_ api: LoadAPI, servers: [String], username: String, password: String) async throws -> FacilitatorClient {
        let (headers, body) = try await api.send(.POST, servers[0] + "/api/v1/session", json: ["username": username, "password": password])
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any], let csrf = object["csrfToken"] as? String,
              let setCookie = headers["set-cookie"].first(where: { $0.hasPrefix("cocreate_session=") }),
              let cookie = setCookie.split(separator: ";").first
        else { throw LoadError("signing in as \(username) gave no session cookie or CSRF token") }
        return FacilitatorClient(api: api, servers: servers, cookie: String(cookie), csrf: csrf)
    }

    init(api: LoadAPI, servers: [String], cookie: String, csrf: String) {
        self.api = api
        self.servers = servers
        self.cookie = cookie
        self.csrf = csrf
    }

    /// The instance that answered last: asked first next time.
    private let preferred = NIOLockedValueBox(0)

    /// Sends a facilitator request to the first instance that answers.
    func call(_ method: HTTPMethod, _ path: String, json: [String: Any]? = nil) async throws -> Data {
        var last: LoadAPI.Failure?
        let first = preferred.withLockedValue { $0 }
        for offset in 0..<servers.count {
            let index = (first + offset) % servers.count
            do {
                let body = try await api.send(method, servers[index] + path, json: json, headers: [("Cookie", cookie), ("X-CSRF-Token", csrf)]).body
                preferred.withLockedValue { $0 = index }
                return body
            } catch {
                guard error.isTransient else { throw error }
                last = error
            }
        }
        throw last ?? LoadAPI.Failure(status: 0, body: "no servers")
    }

    /// Creates a conversation from a built-in design and puts `statements` statements to the vote.
    func createConversation(statements: Int, index: Int) async throws -> (id: String, code: String) {
        let body = try await call(.POST, "/api/v1/conversations", json: ["design": "cooperative-knowledge-cafe"])
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              let id = object["id"] as? String, let code = object["joinCode"] as? String
        else { throw LoadError("creating a conversation returned no id and join code") }
        for number in 1...max(1, statements) {
            _ = try await call(.POST, "/api/v1/conversations/\(id)/statements",
                               json: ["text": "Statement \(number) of load-test conversation \(index + 1)"])
        }
        return (id, code)
    }

    /// The conversation's whole log, read back page by page.
    func events(of conversationID: String) async throws -> [LoggedEvent] {
        var all: [LoggedEvent] = []
        while true {
            let after = all.last?.sequence ?? 0
            let page = try JSONDecoder().decode([LoggedEvent].self, from: try await call(.GET, "/api/v1/conversations/\(conversationID)/events?after=\(after)"))
            if page.isEmpty { return all }
            all += page
        }
    }
}

/// One event of a conversation's log as `GET /api/v1/conversations/{id}/events` lists it.
struct LoggedEvent: Decodable {
    var sequence: Int64
    var id: UUID
    var type: String
}

/// A load test that could not run at all (as opposed to one that ran and saw errors).
public struct LoadError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The `"version":N` of a view, found by scanning bytes: decoding thousands of whole views a second would
/// make the load generator, not the server, the bottleneck. JSON escapes every quote inside strings, so the
/// unescaped `"version":` can only be the key.
func viewVersion(in text: String) -> Int64? {
    var text = text
    return text.withUTF8 { viewVersion(in: $0) }
}

func viewVersion(in bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    let key = Array(#""version":"#.utf8)
    guard bytes.count > key.count else { return nil }
    var index = 0
    outer: while index <= bytes.count - key.count {
        for offset in 0..<key.count where bytes[index + offset] != key[offset] {
            index += 1
            continue outer
        }
        var cursor = index + key.count
        var value: Int64 = 0
        var digits = 0
        while cursor < bytes.count, bytes[cursor] >= 48, bytes[cursor] <= 57 {
            value = value * 10 + Int64(bytes[cursor] - 48)
            cursor += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }
    return nil
}
