/// An option the budget plan may take: a new qualified source of an item, in a country, at a
/// one-off cost (the `<option>` element).
///
/// Taken, it delivers up to `share · req(item)` units per year on `[leadTimeDays, D)` of the
/// plan's window, buying its inputs on the open market (buyers restricted by `sourcedFrom`
/// cannot draw from it). It fails like any supplier of its country under a country or group
/// cut-off; `--without-supplier` does not name options.
public struct SupplyOption: Sendable, Hashable {
    /// The option's id (options have an id space of their own).
    public let id: String
    /// A readable name (the id when none is given).
    public let name: String
    /// The item it would supply.
    public let item: ItemID
    /// The country of the new source.
    public let country: Country
    /// The most it would deliver, as a fraction of the item's gross requirement per year (0...1).
    public let share: Double
    /// The one-off cost of taking it, in the data set's currency (>= 0).
    public let cost: Double
    /// The days from the start of the window until it delivers (>= 0; 0 when not given).
    public let leadTimeDays: Double

    /// Creates an option.
    /// - Complexity: O(1).
    public init(id: String, name: String, item: ItemID, country: Country, share: Double, cost: Double, leadTimeDays: Double) {
        self.id = id; self.name = name; self.item = item; self.country = country
        self.share = share; self.cost = cost; self.leadTimeDays = leadTimeDays
    }
}
