import Foundation
import MultipartKit

/// The body of the console's import form: the file (multipart) or, from a script, the CSV as text.
struct PeopleUpload: Decodable {
    var people: UploadedFile?
    var csv: String?
}

/// An uploaded file's text and the name it had on the facilitator's computer, for error messages.
struct UploadedFile: Decodable, MultipartPartConvertible {
    var fileName: String?
    var text: String

    init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }

    init?(multipart: MultipartPart) {
        text = String(decoding: multipart.body.readableBytesView, as: UTF8.self)
        fileName = multipart.headers.first(name: "Content-Disposition").flatMap(Self.fileName(inDisposition:))
    }

    var multipart: MultipartPart? { MultipartPart(body: text) }

    /// `filename="pupils.csv"` of a Content-Disposition header (multipart-kit keeps its own reader internal).
    static func fileName(inDisposition header: String) -> String? {
        guard let start = header.range(of: "filename=\"") else { return nil }
        let name = header[start.upperBound...].prefix { $0 != "\"" }
        return name.isEmpty ? nil : String(name)
    }
}
