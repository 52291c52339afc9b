import CoCreateCore
import EventStore
import Foundation

/// A conversation's log as JSON Lines: one event a line, in order, canonical so that
/// import followed by export gives back the very same bytes.
///
/// Each line: `{"at":…,"event":{…},"id":"…","sequence":…,"stream":"…","type":"…"}`.
public enum EventArchive {
    public struct ImportError: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
        public init(file: String, line: Int, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }
    }

    /// The export of `events` (as read from the store).
    public static func export(_ events: [RecordedEvent]) throws -> Data {
        var output = Data()
        for event in events {
            output.append(try line(for: event))
            output.append(0x0A)
        }
        return output
    }

    static func line(for event: RecordedEvent) throws -> Data {
        // The payload is already canonical JSON; splicing it in keeps the bytes exactly.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = Data(#"{"at":\#(event.recordedAt),"event":"#.utf8)
        line.append(event.payload)
        line.append(Data(#","id":"#.utf8))
        line.append(try encoder.encode(event.id.uuidString))
        line.append(Data(#","sequence":\#(event.sequence),"stream":"#.utf8))
        line.append(try encoder.encode(event.stream))
        line.append(Data(#","type":"#.utf8))
        line.append(try encoder.encode(event.type))
        line.append(Data("}".utf8))
        return line
    }

    /// One conversation read from an archive: checked line by line, nothing written yet.
    public struct Parsed: Sendable {
        public var stream: String
        public var events: [NewEvent]
    }

    /// Parses and checks an archive: every line must be a known event, sequences must run
    /// 1, 2, 3 … without gaps, one stream only, and the events must pass the rules in order.
    public static func parse(_ data: Data, file: String) throws -> Parsed {
        var stream: String?
        var events: [NewEvent] = []
        var state: ConversationState?
        var lineOfID: [UUID: Int] = [:]
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (offset, raw) in lines.enumerated() {
            let lineNumber = offset + 1
            func fail(_ message: String) -> ImportError { ImportError(file: file, line: lineNumber, message: message) }
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(raw))) as? [String: Any] else {
                throw fail("not a JSON object; each line must be one event")
            }
            guard let lineStream = object["stream"] as? String, !lineStream.isEmpty else { throw fail("field \"stream\" is missing") }
            if let problem = problem(withConversationID: lineStream) { throw fail("field \"stream\" \(problem)") }
            guard let type = object["type"] as? String else { throw fail("field \"type\" is missing") }
            guard let idText = object["id"] as? String, let id = UUID(uuidString: idText) else { throw fail("field \"id\" must be a UUID") }
            guard let sequence = wholeNumber(object["sequence"]) else { throw fail("field \"sequence\" must be a whole number") }
            guard let at = wholeNumber(object["at"]) else {
                throw fail("field \"at\" must be whole milliseconds since 1970, at most \(Int64.max)")
            }
            if let first = lineOfID[id] { throw fail("event id \(id) is used on line \(first) already; every event needs its own id") }
            lineOfID[id] = lineNumber
            guard let payloadObject = object["event"] as? [String: Any] else { throw fail("field \"event\" must be an object") }
            if let stream, stream != lineStream {
                throw fail("stream \"\(lineStream)\" differs from \"\(stream)\" on line 1; an archive holds one conversation")
            }
            stream = lineStream
            guard sequence == Int64(events.count + 1) else {
                throw fail("sequence is \(sequence), expected \(events.count + 1): the archive has a gap or is out of order")
            }
            let event: ConversationEvent
            let actor: Actor?
            do {
                let payload = try JSONSerialization.data(withJSONObject: payloadObject)
                event = try EventCodec.decode(type: type, payload: payload)
                actor = EventActor.of(payload)
            } catch {
                throw fail("event of type \"\(type)\" cannot be read: \(error)")
            }
            var current = state ?? ConversationState(id: lineStream)
            do {
                try ConversationRules.check(event, against: current)
            } catch {
                throw fail("event of type \"\(type)\" breaks a rule: \(error)")
            }
            current.apply(EventEnvelope(id: id, at: at, event: event))
            state = current
            let canonical = try EventCodec.encode(event)
            // Who wrote each event travels with it: the audit of an imported conversation is the original's.
            events.append(NewEvent(id: id, type: canonical.type, payload: EventActor.stamp(canonical.payload, with: actor), recordedAt: at))
        }
        guard let stream, !events.isEmpty else {
            throw ImportError(file: file, line: 1, message: "the archive holds no events")
        }
        return Parsed(stream: stream, events: events)
    }

    /// A JSON number that is a whole Int64: `int64Value` alone wraps 1e19 to a negative number and cuts 1.5 to 1,
    /// so a round trip would not give the file back.
    static func wholeNumber(_ value: Any?) -> Int64? {
        // `is Bool` is true of any NSNumber 0 or 1, so a boolean is told by its dynamic type (Bool on Linux,
        // __NSCFBoolean on Darwin).
        guard let value, !String(describing: type(of: value)).contains("Bool"), let number = value as? NSNumber else { return nil }
        let whole = number.int64Value
        return number.stringValue == String(whole) ? whole : nil
    }

    /// Why `id` cannot name a conversation, or nil. Ids become store keys, URLs and file names: 1 to 64 letters,
    /// digits, `-` or `_`, and not starting with `_`, which is reserved (`_accounts`).
    public static func problem(withConversationID id: String) -> String? {
        if id.isEmpty { return "is empty" }
        if id.utf8.count > 64 { return "is \(id.utf8.count) bytes long; a conversation id has at most 64" }
        if ConversationLog.isReserved(id) { return "\"\(id)\" starts with \"_\", which is reserved for the application" }
        guard id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) else {
            return "\"\(id.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? String($0) : "?" }.joined())\" may hold only letters, digits, - and _"
        }
        return nil
    }

    /// A UUID determined by an original id and a stream name (FNV-1a over both, spread over 128 bits).
    static func derivedID(from id: UUID, stream: String) -> UUID {
        var bytes: [UInt8] = []
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(id.uuidString.utf8) + [0] + Array(stream.utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        var second = hash ^ 0x9E37_79B9_7F4A_7C15
        for _ in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: hash)); hash >>= 8 }
        second = (second ^ (second >> 33)) &* 0xff51_afd7_ed55_8ccd
        for _ in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: second)); second >>= 8 }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// Imports an archive into `store` as one atomic append, refusing to touch an existing stream.
    @discardableResult
    public static func importArchive(_ data: Data, file: String, into store: any EventStore, as newStream: String? = nil) async throws -> Parsed {
        if let newStream, let problem = problem(withConversationID: newStream) {
            throw ImportError(file: file, line: 1, message: "--as \(problem); nothing was imported")
        }
        var parsed = try parse(data, file: file)
        if let newStream, newStream != parsed.stream {
            // A copy is a new conversation: its events need ids of their own, since ids are unique
            // across the whole store. The ids are derived, so importing the same file twice under
            // the same new id is recognised as a retry.
            parsed.stream = newStream
            parsed.events = parsed.events.map { event in
                var copy = event
                copy.id = derivedID(from: event.id, stream: newStream)
                return copy
            }
        }
        if try await store.version(of: parsed.stream) > 0 {
            throw ImportError(file: file, line: 1, message: "conversation \(parsed.stream) already exists here; nothing was imported (choose another id with --as)")
        }
        _ = try await store.append(parsed.events, to: parsed.stream, expected: .noStream)
        return parsed
    }
}
