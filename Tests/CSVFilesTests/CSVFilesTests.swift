import CSVFiles
import Foundation
import PropertyBased
import Testing

@Suite struct CSVReaderTests {
    @Test func readsQuotesEmbeddedLineBreaksCommasAndEveryLineEnding() throws {
        let text = "\u{FEFF}id,body\r\n1,\"Hello, world\"\r\n2,\"She said \"\"hi\"\"\nand left\"\r\n\r\n3,plain\r4,old mac\n5,\"\"\n"
        let records = try CSVRecords.parse(text)
        #expect(records.map(\.fields) == [["id", "body"], ["1", "Hello, world"], ["2", "She said \"hi\"\nand left"], ["3", "plain"], ["4", "old mac"], ["5", ""]])
        #expect(records.map(\.line) == [1, 2, 3, 6, 7, 8])
    }

    @Test func anUnclosedQuoteNamesTheLineItOpensOn() {
        let error = #expect(throws: CSVRecords.SyntaxError.self) { try CSVRecords.parse("a,b\n1,2\n3,\"open\nand on\n") }
        #expect(error?.line == 3 && error?.field == 2)
        #expect(error?.problem.contains("never closed") == true)
    }

    @Test func textAfterAClosingQuoteIsAnErrorNotSilentlyDropped() {
        let error = #expect(throws: CSVRecords.SyntaxError.self) { try CSVRecords.parse("a\n\"ab\"cd\n") }
        #expect(error?.line == 2 && error?.field == 1)
    }

    @Test func aQuoteInsideAnUnquotedFieldIsAnError() {
        let error = #expect(throws: CSVRecords.SyntaxError.self) { try CSVRecords.parse("name,group\nAda,pu\"pil\n") }
        #expect(error?.line == 2 && error?.field == 2)
    }

    @Test func multiByteTextIsKeptWhole() throws {
        let records = try CSVRecords.parse("name\nSiân,\"Zoë, née Ó\"\nمريم\n")
        #expect(records.map(\.fields) == [["name"], ["Siân", "Zoë, née Ó"], ["مريم"]])
    }
}

@Suite struct CSVWriterTests {
    @Test func cellsThatWouldRunAsFormulasGetAnApostrophe() {
        for formula in ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "=1"] {
            #expect(CSVWriter.runsAsFormula(formula), "\(formula) should be neutralised")
            #expect(CSVWriter.cell(formula).hasPrefix("\"'"), "\(formula) went out as \(CSVWriter.cell(formula))")
        }
    }

    @Test func numbersAndPlainTextGoOutAsTheyAre() {
        for value in ["-2", "+0.5", "12", "plain", "a-b", ""] {
            #expect(CSVWriter.cell(value) == value)
        }
        #expect(CSVWriter.cell("a, b") == "\"a, b\"")
        #expect(CSVWriter.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }

    @Test func documentsEndEveryLineInCRLF() {
        #expect(CSVWriter.document(header: ["a", "b"], rows: [["1", "2"]]) == "a,b\r\n1,2\r\n")
    }

    /// What the writer writes, the reader reads back: the same cells, a formula cell with its `'`,
    /// and every line break inside a cell as LF.
    @Test func writerAndReaderRoundTrip() async {
        let alphabet: [String] = ["a", "Z", " ", ",", "\"", "\n", "\r\n", "\r", "=", "+", "-", "@", "1", "é", "'", "\t"]
        let cell = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...6).map { $0.map { alphabet[$0] }.joined() }
        let row = cell.array(of: 2...4)
        await propertyCheck(count: 300, input: row.array(of: 1...5)) { rows in
            let expected = rows.map { $0.map { cell in
                (CSVWriter.runsAsFormula(cell) ? "'" + cell : cell).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            } }
            let read = try? CSVRecords.parse(CSVWriter.document(rows))
            #expect(read?.map(\.fields) == expected, "rows \(rows)")
        }
    }
}
