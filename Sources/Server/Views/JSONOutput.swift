import Foundation

/// JSON bytes written straight from a view (`JSONWritable`), in one pass with no intermediate tree:
/// every change in a room re-renders one view per screen, and Foundation's `JSONEncoder` was most of
/// the server's time under load. `<`, `>` and `&` are escaped, so the output is safe inside a page.
final class JSONOutput {
    // Only one encoding ever touches an output, on one thread; checking each append's exclusivity at run time
    // cost more than writing the byte.
    @exclusivity(unchecked) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4_096) }

    func write<T: Encodable>(_ value: T) throws {
        // Metatype comparisons, not `as?` casts: a failed cast to a protocol is a conformance lookup, and views
        // are mostly structs that would fail every one of them.
        if T.self == String.self {
            writeString(value as! String)
        } else if T.self == Int.self {
            writeInteger(value as! Int)
        } else if T.self == Int64.self {
            writeInteger(value as! Int64)
        } else if T.self == Bool.self {
            writeBool(value as! Bool)
        } else if T.self == Double.self {
            writeDouble(value as! Double)
        } else if T.self == Float.self {
            writeDouble(Double(value as! Float))
        } else if T.self == Int32.self || T.self == UInt.self || T.self == UInt64.self || T.self == UInt32.self
            || T.self == Int16.self || T.self == UInt16.self || T.self == Int8.self || T.self == UInt8.self {
            bytes += Array(String(describing: value).utf8)
        } else if T.self == URL.self {
            writeString((value as! URL).absoluteString)
        } else if T.self == UUID.self {
            writeString((value as! UUID).uuidString)
        } else {
            // A value with no writer of its own (rare: none of the live views' fields) goes through Foundation.
            bytes += Array(try JSONEncoder().encode(value))
        }
    }

    func writeBool(_ value: Bool) { bytes += value ? Self.trueBytes : Self.falseBytes }

    static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    func writeInteger<I: BinaryInteger>(_ value: I) {
        guard value != 0 else { return bytes.append(0x30) }
        if value < 0 { bytes.append(0x2D) }
        // Digits from the right, into a small stack buffer: no String, no Array.
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
            var start = 40
            while magnitude > 0 {
                start -= 1
                digits[start] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<40]))
        }
    }

    func writeDouble(_ value: Double) {
        guard value.isFinite else {
            bytes += Self.nullBytes
            return
        }
        if value == value.rounded(), abs(value) < 1e15 { writeInteger(Int64(value)) } else { bytes += Array(String(value).utf8) }
    }

    func writeString(_ string: String) {
        bytes.append(0x22)
        var string = string
        string.withUTF8 { utf8 in
            // Most text needs no escaping: copy runs of plain bytes in one go.
            var plainFrom = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom..<index]))
                plainFrom = index + 1
                switch byte {
                case 0x22: bytes += [0x5C, 0x22]
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x0A: bytes += [0x5C, 0x6E]
                case 0x0D: bytes += [0x5C, 0x72]
                case 0x09: bytes += [0x5C, 0x74]
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom..<utf8.count]))
        }
        bytes.append(0x22)
    }
}
