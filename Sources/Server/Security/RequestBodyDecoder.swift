import Foundation
import Hummingbird
import MultipartKit

/// Decodes a request body by its content type, so one handler serves an HTML form, a file
/// upload and a JSON client alike: JSON, `application/x-www-form-urlencoded`, or
/// `multipart/form-data` (multipart-kit).
public struct AppRequestDecoder: RequestDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let mediaType = request.headers[.contentType].flatMap(MediaType.init(from:))
        switch mediaType {
        case .some(let media) where media.isType(.multipartForm):
            guard let boundary = media.parameter.flatMap({ $0.name.lowercased() == "boundary" ? $0.value : nil }) else {
                throw HTTPError(.badRequest, message: "The form upload has no boundary.")
            }
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            return try FormDataDecoder().decode(T.self, from: body, boundary: boundary)
        case .some(let media) where media.isType(.applicationUrlEncoded):
            return try await URLEncodedFormDecoder().decode(T.self, from: request, context: context)
        default:
            return try await JSONDecoder().decode(T.self, from: request, context: context)
        }
    }
}

/// The CSRF token of a plain HTML form, whatever its encoding.
struct CSRFField: Decodable {
    var _csrf: String?
}
