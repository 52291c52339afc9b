import CoCreateCore
import EventStoreSQLite
import Conversations
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import Server

/// A server on a fresh SQLite file with one facilitator account, and a tiny cookie jar so tests
/// read like a browser session.
struct TestApp {
    let store: SQLiteEventStore
    let path: String

    init() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cocreate-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("test.sqlite").path
        store = try SQLiteEventStore(path: path)
        try await EventStoreAccountRepository(store: store, hashing: .bcrypt).create(username: "fran", displayName: "Fran", password: "correct horse battery")
    }

    /// Another facilitator account on the same server, with the same password as fran's.
    func addAccount(_ username: String) async throws {
        try await EventStoreAccountRepository(store: store, hashing: .bcrypt).create(username: username, displayName: username, password: "correct horse battery")
    }

    func run(_ configuration: AppConfiguration = AppConfiguration(port: 0, logLevel: .error),
             _ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        let app = try await buildApplication(configuration, store: store)
        try await app.test(.router) { client in
            try await body(Browser(client: client))
        }
    }
}

/// One browser (or phone): keeps its cookies between requests.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]

    init(client: any TestClientProtocol) { self.client = client }

    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var text: String
        var location: String? { headers[.location] }
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] }
    }

    /// A fresh browser with no cookies, sharing the same server.
    func stranger() -> Browser { Browser(client: client) }

    @discardableResult
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, headers: headers, body: nil)
    }

    @discardableResult
    func post(_ uri: String, form: [String: String], json: Bool = false, headers: HTTPFields = [:]) async throws -> Page {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        if json { headers[.accept] = "application/json" }
        let body = form.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
        return try await send(uri, method: .post, headers: headers, body: body)
    }

    /// A `multipart/form-data` post, as a browser sends a form with a file field.
    @discardableResult
    func postMultipart(_ uri: String, fields: [String: String], files: [String: (name: String, text: String)]) async throws -> Page {
        let boundary = "----cocreate-test-\(UUID().uuidString)"
        var body = ""
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        for (name, file) in files.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(file.name)\"\r\nContent-Type: text/csv\r\n\r\n\(file.text)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return try await send(uri, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    @discardableResult
    func postJSON(_ uri: String, _ object: Any, headers: HTTPFields = [:]) async throws -> Page {
        var headers = headers
        headers[.contentType] = "application/json"
        let data = try JSONSerialization.data(withJSONObject: object)
        return try await send(uri, method: .post, headers: headers, body: String(decoding: data, as: UTF8.self))
    }

    func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: String?) async throws -> Page {
        var headers = headers
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for setCookie in response.headers[values: .setCookie] {
            let pair = setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { cookies[pair[0]] = pair[1] }
        }
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Signs in as the test facilitator and returns the CSRF token pages carry.
    func signIn(as username: String = "fran") async throws -> String {
        let page = try await post("/login", form: ["username": username, "password": "correct horse battery"])
        precondition(page.status == .seeOther, "sign-in failed: \(page.status)")
        let home = try await get("/")
        return try Self.csrf(in: home.text)
    }

    static func csrf(in html: String) throws -> String {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { throw TestFailure("no CSRF token on the page") }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Creates a conversation from a built-in design; returns its id and join code.
    func createConversation(design: String = "cooperative-knowledge-cafe", csrf: String) async throws -> (id: String, code: String) {
        let created = try await post("/conversations", form: ["_csrf": csrf, "design": design])
        guard created.status == .seeOther, let location = created.location else { throw TestFailure("create failed: \(created.status) \(created.text)") }
        let id = String(location.split(separator: "/").last!)
        let console = try await get(location)
        guard let range = console.text.range(of: #"data-field="joinCode">"#) else { throw TestFailure("no join code on the console") }
        return (id, String(console.text[range.upperBound...].prefix { $0 != "<" }))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
