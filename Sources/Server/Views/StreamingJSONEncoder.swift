import Foundation

/// Encodes a view straight into JSON bytes, in one pass, with no intermediate tree.
///
/// Every change in a room re-renders one view per connected phone: 40 phones and a vote burst mean
/// thousands of renders a second, and Foundation's `JSONEncoder` (which builds a tree, then sorts and
/// writes it) was most of the server's time under load. This encoder writes keys in declaration order as
/// `encode(to:)` produces them. It supports what synthesized `Codable` conformances do; a type that asks
/// for a nested or super encoder makes it throw, and the caller falls back to `JSONEncoder`.
///
/// `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026`, so the output is safe inside a page.
struct StreamingJSONEncoder {
    struct Unsupported: Error {}

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let output = JSONOutput()
        try output.write(value)
        return String(decoding: output.bytes, as: UTF8.self)
    }
}

/// The bytes written so far, shared by every container of one encoding.
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
            let encoder = StreamingEncoder(output: self)
            try value.encode(to: encoder)
            encoder.close()
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

/// The encoder handed to one value's `encode(to:)`; closes the container the value opened when it returns.
private final class StreamingEncoder: Encoder {
    enum Opened { case none, object, array, single }

    let output: JSONOutput
    @exclusivity(unchecked) var opened = Opened.none
    @exclusivity(unchecked) var count = 0
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(output: JSONOutput) { self.output = output }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        open(.object, byte: 0x7B)
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        open(.array, byte: 0x5B)
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        if opened == .none { opened = .single }
        return SingleContainer(encoder: self)
    }

    private func open(_ kind: Opened, byte: UInt8) {
        guard opened == .none else { return }
        opened = kind
        output.bytes.append(byte)
    }

    func close() {
        switch opened {
        case .object: output.bytes.append(0x7D)
        case .array: output.bytes.append(0x5D)
        case .single: break
        case .none: output.bytes += Array("{}".utf8)
        }
    }

    func separate() {
        if count > 0 { output.bytes.append(0x2C) }
        count += 1
    }

    func key(_ key: some CodingKey) {
        separate()
        output.writeString(key.stringValue)
        output.bytes.append(0x3A)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws {
        encoder.key(key)
        encoder.output.bytes += JSONOutput.nullBytes
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.key(key)
        try encoder.output.write(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyedContainer<NestedKey>())
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { FailingUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { FailingEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { FailingEncoder() }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    mutating func encodeNil() throws {
        encoder.separate()
        encoder.output.bytes += JSONOutput.nullBytes
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.separate()
        try encoder.output.write(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyedContainer<NestedKey>())
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { FailingUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { FailingEncoder() }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.output.bytes += JSONOutput.nullBytes }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.output.write(value) }
}

// Nested and super encoders would need the output to be written out of order; none of our views use them.
private struct FailingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil(forKey key: Key) throws { throw StreamingJSONEncoder.Unsupported() }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw StreamingJSONEncoder.Unsupported() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyedContainer<NestedKey>())
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { FailingUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { FailingEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { FailingEncoder() }
}

private struct FailingUnkeyedContainer: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }
    mutating func encodeNil() throws { throw StreamingJSONEncoder.Unsupported() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw StreamingJSONEncoder.Unsupported() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyedContainer<NestedKey>())
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { FailingUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { FailingEncoder() }
}

private struct FailingEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { KeyedEncodingContainer(FailingKeyedContainer<Key>()) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { FailingUnkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { FailingSingleContainer() }
}

private struct FailingSingleContainer: SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil() throws { throw StreamingJSONEncoder.Unsupported() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw StreamingJSONEncoder.Unsupported() }
}
