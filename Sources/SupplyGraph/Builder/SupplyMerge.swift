/// What merging the copies of a supply edge given more than once decided.
struct SupplyMerge {
    /// The records that are later copies of an earlier one (empty when there are none).
    var dropped: [Bool] = []
    /// The values of a kept record where a later copy filled in what it left out.
    var filled: [Int: (share: Double?, capacity: Double?, leadTimeDays: Double?)] = [:]

    func isDropped(_ e: Int) -> Bool { !dropped.isEmpty && dropped[e] }
}
