import Dispatch

/// Writes the text of `count` consecutive elements in blocks made on all cores, handing the
/// blocks to `write` in order, so the output is the same as a serial loop's.
///
/// Blocks are made a few at a time (twice the waves of `DispatchQueue.concurrentPerform`), so
/// memory holds a few blocks of text, never the whole document.
/// - Parameters:
///   - count: the number of elements.
///   - blockSize: elements per block.
///   - write: receives the text, block by block, in element order.
///   - make: the text of a range of elements; called concurrently for different ranges.
/// - Complexity: O(count) calls' worth of work spread over the cores.
public func writeInBlocks(count: Int, blockSize: Int = 1024, to write: (String) -> Void,
                   _ make: @escaping @Sendable (Range<Int>) -> String) {
    if count == 0 { return }
    let blocks = (count + blockSize - 1) / blockSize
    if blocks == 1 { write(make(0..<count)); return }
    let wave = 8
    let texts = UnsafeMutableBufferPointer<String>.allocate(capacity: wave)
    texts.initialize(repeating: "")
    defer { texts.deinitialize(); texts.deallocate() }
    nonisolated(unsafe) let slots = texts
    var first = 0
    while first < blocks {
        let n = min(wave, blocks - first)
        let start = first
        DispatchQueue.concurrentPerform(iterations: n) { j in
            let block = start + j
            slots[j] = make(block * blockSize..<min(count, (block + 1) * blockSize))
        }
        for j in 0..<n { write(texts[j]); texts[j] = "" }
        first += n
    }
}
