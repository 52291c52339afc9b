import CoCreateCore
import CSVFiles
import Foundation
import Memberwise

/// Commitments as an iCalendar file (RFC 5545): one all-day event per commitment with a due date,
/// so owners can put their promises in the calendar they already use.
public enum CommitmentCalendar {
    /// One calendar entry: a commitment with a due date.
    @PublicMemberwiseInit
    public struct Entry: Sendable, Equatable {
        public var commitmentID: String
        public var summary: String
        /// `YYYY-MM-DD`.
        public var due: String
        public var description: String?
    }

    /// The entries of `commitments`: those with a valid due date, in the order given.
    public static func entries(_ commitments: [Commitment]) -> [Entry] {
        commitments.compactMap { commitment in
            guard let due = commitment.due, CalendarDate.isValid(due) else { return nil }
            return Entry(commitmentID: commitment.id, summary: commitment.text, due: due,
                         description: "Status: \(commitment.status.rawValue)")
        }
    }

    /// The whole calendar: CRLF line endings, lines folded at 75 octets, text escaped.
    /// `stamp` is the DTSTAMP (milliseconds since 1970), so the output is a pure function of its input.
    public static func ics(_ entries: [Entry], calendarName: String? = nil, stamp: Int64) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cocreate//Commitments//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        if let calendarName { lines.append("X-WR-CALNAME:" + escape(calendarName)) }
        let dtstamp = utcStamp(stamp)
        for entry in entries {
            guard let date = CalendarDate.components(entry.due) else { continue }
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + escape(entry.commitmentID) + "@cocreate")
            lines.append("DTSTAMP:" + dtstamp)
            lines.append(String(format: "DTSTART;VALUE=DATE:%04d%02d%02d", date.year, date.month, date.day))
            lines.append("SUMMARY:" + escape(entry.summary))
            if let description = entry.description { lines.append("DESCRIPTION:" + escape(description)) }
            lines.append("TRANSP:TRANSPARENT")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).map { $0 + "\r\n" }.joined()
    }

    /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines.
    public static func escape(_ text: String) -> String {
        var output = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case ";": output += "\\;"
            case ",": output += "\\,"
            case "\r": output += "\\n"
            case "\n": if !previousWasCR { output += "\\n" }
            default:
                // Other control characters are not allowed in TEXT.
                if scalar.value < 0x20 || scalar.value == 0x7F { output += " " } else { output.unicodeScalars.append(scalar) }
            }
            previousWasCR = scalar == "\r"
        }
        return output
    }

    /// Folds a content line so no line exceeds 75 octets, never splitting a UTF-8 sequence;
    /// continuation lines start with one space (RFC 5545 3.1).
    public static func fold(_ line: String) -> String {
        var result: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = result.isEmpty ? 75 : 74
            if octets + size > limit {
                result.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        result.append(current)
        return result.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }.joined(separator: "\r\n")
    }

    /// `YYYYMMDDTHHMMSSZ`.
    static func utcStamp(_ milliseconds: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}

/// Commitments as CSV for a spreadsheet, written by the project's one formula-safe ``CSVWriter``.
public enum CommitmentTable {
    public static let header = ["id", "commitment", "owners", "due", "status", "last note", "evidence", "updates"]

    /// One row per commitment; owners by name (the facilitator's export).
    public static func rows(_ state: ConversationState) -> [[String]] {
        state.commitments.map { commitment in
            let owners = commitment.ownerIDs.map { state.participant($0)?.name ?? $0 } + commitment.outsideOwners
            let last = commitment.history.last
            return [commitment.id, commitment.text, owners.joined(separator: "; "), commitment.due ?? "", commitment.status.rawValue,
                    last?.note ?? "", last?.evidence ?? "", "\(commitment.history.count)"]
        }
    }

    public static func csv(_ state: ConversationState) -> String {
        CSVWriter.document(header: header, rows: rows(state))
    }
}
