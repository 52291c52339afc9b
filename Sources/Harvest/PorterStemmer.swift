/// Martin Porter's 1980 stemming algorithm for English ("connection", "connected" -> "connect").
/// Works on lowercase ASCII words; anything else is returned unchanged.
public enum PorterStemmer {
    public static func stem(_ word: String) -> String {
        guard word.count > 2, word.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return word }
        var w = Array(word.utf8)
        step1a(&w); step1b(&w); step1c(&w); step2(&w); step3(&w); step4(&w); step5(&w)
        return String(decoding: w, as: UTF8.self)
    }

    private static func isConsonant(_ w: [UInt8], _ i: Int) -> Bool {
        switch w[i] {
        case 97, 101, 105, 111, 117: return false // a e i o u
        case 121: return i == 0 ? true : !isConsonant(w, i - 1) // y
        default: return true
        }
    }

    /// m: the number of vowel-consonant sequences in w[0..<end].
    private static func measure(_ w: [UInt8], _ end: Int) -> Int {
        var count = 0, i = 0
        while i < end && isConsonant(w, i) { i += 1 }
        while i < end {
            while i < end && !isConsonant(w, i) { i += 1 }
            guard i < end else { break }
            count += 1
            while i < end && isConsonant(w, i) { i += 1 }
        }
        return count
    }

    private static func hasVowel(_ w: [UInt8], _ end: Int) -> Bool { (0..<end).contains { !isConsonant(w, $0) } }

    private static func endsDoubleConsonant(_ w: [UInt8], _ end: Int) -> Bool {
        end >= 2 && w[end - 1] == w[end - 2] && isConsonant(w, end - 1)
    }

    /// consonant-vowel-consonant at the end, the last not w, x or y.
    private static func endsCVC(_ w: [UInt8], _ end: Int) -> Bool {
        guard end >= 3, isConsonant(w, end - 1), !isConsonant(w, end - 2), isConsonant(w, end - 3) else { return false }
        return ![119, 120, 121].contains(w[end - 1])
    }

    private static func ends(_ w: [UInt8], _ suffix: String) -> Bool {
        let s = Array(suffix.utf8)
        return w.count >= s.count && Array(w[(w.count - s.count)...]) == s
    }

    private static func replace(_ w: inout [UInt8], _ suffix: String, _ replacement: String) {
        w.removeLast(suffix.utf8.count)
        w.append(contentsOf: Array(replacement.utf8))
    }

    /// Replaces the first matching suffix when the stem before it has measure > `minimum`.
    private static func rules(_ w: inout [UInt8], _ table: [(String, String)], minimum: Int) {
        for (suffix, replacement) in table where ends(w, suffix) {
            if measure(w, w.count - suffix.utf8.count) > minimum { replace(&w, suffix, replacement) }
            return
        }
    }

    private static func step1a(_ w: inout [UInt8]) {
        if ends(w, "sses") { replace(&w, "sses", "ss") }
        else if ends(w, "ies") { replace(&w, "ies", "i") }
        else if ends(w, "ss") { return }
        else if ends(w, "s") { w.removeLast() }
    }

    private static func step1b(_ w: inout [UInt8]) {
        if ends(w, "eed") {
            if measure(w, w.count - 3) > 0 { w.removeLast() }
            return
        }
        var trimmed = false
        for suffix in ["ed", "ing"] where ends(w, suffix) && hasVowel(w, w.count - suffix.utf8.count) {
            w.removeLast(suffix.utf8.count)
            trimmed = true
            break
        }
        guard trimmed else { return }
        if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
            w.append(101)
        } else if endsDoubleConsonant(w, w.count), ![108, 115, 122].contains(w[w.count - 1]) {
            w.removeLast()
        } else if measure(w, w.count) == 1 && endsCVC(w, w.count) {
            w.append(101)
        }
    }

    private static func step1c(_ w: inout [UInt8]) {
        if ends(w, "y"), hasVowel(w, w.count - 1) { w[w.count - 1] = 105 }
    }

    private static func step2(_ w: inout [UInt8]) {
        rules(&w, [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
            ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
            ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
            ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
        ], minimum: 0)
    }

    private static func step3(_ w: inout [UInt8]) {
        rules(&w, [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
        ], minimum: 0)
    }

    private static func step4(_ w: inout [UInt8]) {
        let suffixes = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
                        "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"]
        // Longest match first, as the algorithm's table is ordered by the penultimate letter.
        for suffix in suffixes.sorted(by: { $0.utf8.count > $1.utf8.count }) where ends(w, suffix) {
            let stemEnd = w.count - suffix.utf8.count
            if suffix == "ion" {
                guard stemEnd > 0, w[stemEnd - 1] == 115 || w[stemEnd - 1] == 116 else { return }
            }
            if measure(w, stemEnd) > 1 { w.removeLast(suffix.utf8.count) }
            return
        }
    }

    private static func step5(_ w: inout [UInt8]) {
        if ends(w, "e") {
            let m = measure(w, w.count - 1)
            if m > 1 || (m == 1 && !endsCVC(w, w.count - 1)) { w.removeLast() }
        }
        if ends(w, "ll"), measure(w, w.count) > 1 { w.removeLast() }
    }
}
