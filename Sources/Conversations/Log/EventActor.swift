import Foundation

/// Who wrote an event, kept in the event's own payload under `_by` (`{"facilitator":"fran"}`,
/// `{"participant":"p3"}`, `{"followUpLink":"c1"}`).
///
/// In the payload rather than a new store column so every store, export and import carries it
/// unchanged; event decoders ignore keys they do not know, and logs written before it simply lack
/// it. It is left out of the retry check: a retry is the same write whoever sends it again.
enum EventActor {
    static let key = "_by"

    /// `payload` (a canonical JSON object) with `actor` as its first key: `_` sorts before every
    /// lowercase field name, so the payload stays in sorted-key order.
    static func stamp(_ payload: Data, with actor: Actor?) -> Data {
        guard let actor, payload.first == UInt8(ascii: "{") else { return payload }
        let (kind, id) = actor.parts
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let value = try? encoder.encode([kind: id]) else { return payload }
        var stamped = Data("{\"\(key)\":".utf8) + value
        let rest = payload.dropFirst()
        if rest.first != UInt8(ascii: "}") { stamped.append(UInt8(ascii: ",")) }
        stamped.append(contentsOf: rest)
        return stamped
    }

    /// The actor a stored payload names, or nil (an older log, or nobody acted).
    static func of(_ payload: Data) -> Actor? {
        struct Stamp: Decodable {
            var _by: [String: String]?
        }
        guard let stamp = try? JSONDecoder().decode(Stamp.self, from: payload)._by, let (kind, id) = stamp.first.map({ ($0.key, $0.value) }) else { return nil }
        switch kind {
        case "facilitator": return .facilitator(id)
        case "participant": return .participant(id)
        case "followUpLink": return .followUpLink(id)
        default: return nil
        }
    }
}

extension Actor {
    var parts: (kind: String, id: String) {
        switch self {
        case .facilitator(let name): ("facilitator", name)
        case .participant(let id): ("participant", id)
        case .followUpLink(let commitment): ("followUpLink", commitment)
        }
    }
}
