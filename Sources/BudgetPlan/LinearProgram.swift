/// A linear programme in the form the solvers take, with no solver in it: columns with bounds,
/// objective coefficients and an integer flag; rows with bounds; the constraint matrix as
/// (row, column, value) entries. Infinite bounds are `±.infinity`.
struct LinearProgram: Sendable {
    /// Maximise (`true`) or minimise the objective.
    var maximise = true
    var columnLower: [Double] = [], columnUpper: [Double] = [], objective: [Double] = [], isInteger: [Bool] = []
    var rowLower: [Double] = [], rowUpper: [Double] = []
    var entryRow: [Int32] = [], entryColumn: [Int32] = [], entryValue: [Double] = []

    var columnCount: Int { columnLower.count }
    var rowCount: Int { rowLower.count }
    var nonZeroCount: Int { entryValue.count }
    var hasIntegers: Bool { isInteger.contains(true) }

    /// Adds a column; returns its number.
    mutating func addColumn(lower: Double = 0, upper: Double, objective: Double = 0, integer: Bool = false) -> Int {
        columnLower.append(lower); columnUpper.append(upper); self.objective.append(objective); isInteger.append(integer)
        return columnLower.count - 1
    }

    /// Adds a row `lower <= Σ value · x[column] <= upper`; returns its number.
    @discardableResult
    mutating func addRow(lower: Double, upper: Double, _ terms: [(column: Int, value: Double)]) -> Int {
        let row = Int32(rowLower.count)
        rowLower.append(lower); rowUpper.append(upper)
        for term in terms where term.value != 0 {
            entryRow.append(row); entryColumn.append(Int32(term.column)); entryValue.append(term.value)
        }
        return Int(row)
    }

    /// Adds an empty row `lower <= ... <= upper`; returns its number.
    mutating func addRow(lower: Double, upper: Double) -> Int {
        rowLower.append(lower); rowUpper.append(upper)
        return rowLower.count - 1
    }

    /// Adds `value` at (`row`, `column`).
    mutating func add(row: Int, column: Int, _ value: Double) {
        guard value != 0 else { return }
        entryRow.append(Int32(row)); entryColumn.append(Int32(column)); entryValue.append(value)
    }

    /// The matrix column by column (compressed sparse columns), as CLP and CBC load it; entries
    /// of one row and column are added up.
    func compressedColumns() -> (starts: [Int], rows: [Int32], values: [Double]) {
        var count = [Int](repeating: 0, count: columnCount + 1)
        for c in entryColumn { count[Int(c) + 1] += 1 }
        for c in 0..<columnCount { count[c + 1] += count[c] }
        var next = count
        var rows = [Int32](repeating: 0, count: entryValue.count), values = [Double](repeating: 0, count: entryValue.count)
        for k in entryValue.indices {
            let c = Int(entryColumn[k])
            rows[next[c]] = entryRow[k]; values[next[c]] = entryValue[k]
            next[c] += 1
        }
        return (count, rows, values)
    }
}

/// What a solver returns for a programme solved to optimality.
struct LinearSolution: Sendable {
    /// The objective's value.
    var objective: Double
    /// Each column's value.
    var columns: [Double]
    /// Each row's dual value (shadow price) for an LP, in the solver's sign convention for the
    /// programme's sense; empty for a MIP.
    var rowDuals: [Double]
}
