import Foundation
import Hummingbird

/// How every JSON answer is written: handlers return Codable values (`ResponseEncodable`) and the
/// request context's encoder turns them into a response. A view that writes itself (`JSONWritable`,
/// the live views) goes out in one pass; anything else through Foundation with sorted keys. No
/// answer is kept by a cache: views carry people's names and tokens.
public struct AppResponseEncoder: ResponseEncoder {
    public init() {}

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: PageRenderer.json(value))))
    }
}

// The views a handler answers with, encoded by `AppResponseEncoder`.
extension ConsoleView: ResponseEncodable {}
extension ParticipantView: ResponseEncodable {}
extension ScreenView: ResponseEncodable {}
