import EduplanIO
import EduplanPlanner

/// The integrity checks of partial sweep files: a checksum line and the step count of the shard.
///
/// `sweep --shard` ends its file with `# checksum: fnv1a64 HEX`, the FNV-1a (64-bit) hash of every
/// byte before that line. A part cut short (a full disk, a copy interrupted) lacks the line or has
/// a different hash; a part edited by hand has a different hash. FNV-1a catches accidents, not
/// forgeries (see ``FNV1a64``).
extension SweepFile {
    /// The start of a partial file's last line; the hash follows.
    public static let checksumPrefix = "# checksum: fnv1a64 "

    /// `text` followed by its checksum line.
    static func withChecksum(_ text: String) -> String {
        text + checksumPrefix + FNV1a64.hex(of: text.utf8) + "\n"
    }

    /// What comes before a part's checksum line, once the checksum matches it.
    /// - Throws: ``SweepMergeError`` naming the part when the line is missing or does not match.
    static func verifiedBody(_ part: (name: String, text: String)) throws -> String {
        // Not a partial file at all: the signature check says so, at line 1.
        guard part.text.hasPrefix(signature) else { return part.text }
        let bytes = Array(part.text.utf8)
        var end = bytes.count
        guard end > 0, bytes[end - 1] == UInt8(ascii: "\n") else {
            throw SweepMergeError("\(part.name): expected the file to end with a line break after \"\(checksumPrefix)…\" (written last by `eduplan sweep --shard`), found a file cut short")
        }
        end -= 1
        let start = (bytes[..<end].lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        let last = String(decoding: bytes[start..<end], as: UTF8.self)
        guard last.hasPrefix(checksumPrefix) else {
            throw SweepMergeError("\(part.name): expected a last line \"\(checksumPrefix)…\" (written last by `eduplan sweep --shard`), found \"\(last.prefix(40))\": the file is cut short, or was written by an eduplan without checksums (run that shard again)")
        }
        let recorded = last.dropFirst(checksumPrefix.count)
        let actual = FNV1a64.hex(of: bytes[..<start])
        guard recorded == actual else {
            throw SweepMergeError("\(part.name): the checksum is \(actual) but the file records \(recorded): it was changed or damaged after `eduplan sweep --shard` wrote it (run that shard again)")
        }
        return String(decoding: bytes[..<start], as: UTF8.self)
    }

    /// Checks that a part holds as many steps as its shard owns: step s belongs to shard
    /// (s / block) mod n.
    /// - Throws: ``SweepMergeError`` naming the part and both counts.
    static func checkStepCount(of name: String, lines: ArraySlice<String>, fields: [(key: String, value: String)],
                               shard: SweepShard) throws {
        guard let steps = fields.first(where: { $0.key == "steps" }).flatMap({ Int($0.value) }),
              let block = fields.first(where: { $0.key == "block" }).flatMap({ Int($0.value) }), block > 0 else { return }
        let expected = stepCount(steps: steps, block: block, shard: shard)
        let found = lines.count { !$0.isEmpty }
        guard found == expected else {
            throw SweepMergeError("\(name): shard \(shard) of \(steps) steps in blocks of \(block) holds \(expected) step\(expected == 1 ? "" : "s"), found \(found)")
        }
    }

    /// The number of steps shard i/n owns: blocks i, i + n, … of `block` steps, the last block
    /// holding what is left.
    /// - Complexity: O(1).
    static func stepCount(steps: Int, block: Int, shard: SweepShard) -> Int {
        guard steps > 0 else { return 0 }
        let blocks = (steps - 1) / block + 1
        guard blocks > shard.index else { return 0 }
        let owned = (blocks - 1 - shard.index) / shard.count + 1
        let ownsLast = (blocks - 1) % shard.count == shard.index
        let lastBlock = steps - (blocks - 1) * block
        return (owned - (ownsLast ? 1 : 0)) * block + (ownsLast ? lastBlock : 0)
    }
}
