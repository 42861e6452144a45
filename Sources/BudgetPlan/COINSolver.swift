import CCoinOR
import Synchronization

/// CBC 2.10's C interface runs the CBC command-line driver, which keeps state in globals: two
/// solves at once in one process interfere (one of them stops with status -1). Every CBC
/// solve holds this lock; CLP solves, whose state is all in their model, run in parallel.
private let cbcLock = Mutex(())

/// The one file that calls COIN-OR: CLP for linear programmes (with duals), CBC for
/// mixed-integer ones, each call wrapped once. Tolerances: primal and dual 1e-9; CBC's
/// integrality tolerance 1e-9 and its absolute and relative gaps 0, so the optimum is proven.
enum COINSolver {
    /// The solvers' infinity: what an infinite bound becomes.
    private static func bound(_ x: Double) -> Double {
        x == .infinity ? Double.greatestFiniteMagnitude : x == -.infinity ? -Double.greatestFiniteMagnitude : x
    }

    /// Solves `program` to optimality: with CBC when it has integer columns, else with CLP.
    /// - Throws: ``BudgetPlanError`` when the solver proves the programme infeasible or
    ///   unbounded, or stops without a proven optimum.
    static func solve(_ program: LinearProgram) throws(BudgetPlanError) -> LinearSolution {
        program.hasIntegers ? try solveMIP(program) : try solveLP(program)
    }

    private static func solveLP(_ program: LinearProgram) throws(BudgetPlanError) -> LinearSolution {
        let session = try LPSession(program)
        return session.solution
    }

    private static func solveMIP(_ program: LinearProgram) throws(BudgetPlanError) -> LinearSolution {
        let result: Result<LinearSolution, BudgetPlanError> = cbcLock.withLock { _ in
            do throws(BudgetPlanError) { return .success(try solveMIPAlone(program)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func solveMIPAlone(_ program: LinearProgram) throws(BudgetPlanError) -> LinearSolution {
        guard let model = Cbc_newModel() else { throw BudgetPlanError(.solverFailed, "CBC could not create a model") }
        defer { Cbc_deleteModel(model) }
        let (starts, rows, values) = program.compressedColumns()
        let columnStarts = starts.map { CoinBigIndex($0) }
        let rowIndices = rows.map { Int32($0) }
        Cbc_loadProblem(model, Int32(program.columnCount), Int32(program.rowCount), columnStarts, rowIndices, values,
                        program.columnLower.map(bound), program.columnUpper.map(bound), program.objective,
                        program.rowLower.map(bound), program.rowUpper.map(bound))
        for c in 0..<program.columnCount where program.isInteger[c] { Cbc_setInteger(model, Int32(c)) }
        Cbc_setObjSense(model, program.maximise ? -1 : 1)
        Cbc_setLogLevel(model, 0)
        Cbc_setAllowableGap(model, 0)
        Cbc_setAllowableFractionGap(model, 0)
        Cbc_setParameter(model, "integerTolerance", "1e-9")
        Cbc_setParameter(model, "primalTolerance", "1e-9")
        Cbc_setParameter(model, "dualTolerance", "1e-9")
        // CBC 2.10's preprocessing can remove every column of a small model and then report
        // no solution (status -1): the model is solved as given.
        Cbc_setParameter(model, "preprocess", "off")
        _ = Cbc_solve(model)
        if Cbc_isProvenOptimal(model) == 0 {
            if Cbc_isProvenInfeasible(model) != 0 { throw BudgetPlanError(.infeasible, "CBC found the programme infeasible") }
            if Cbc_isContinuousUnbounded(model) != 0 { throw BudgetPlanError(.unbounded, "CBC found the programme unbounded") }
            throw BudgetPlanError(.solverFailed, "CBC stopped without a proven optimum (status \(Cbc_status(model)), \(Cbc_secondaryStatus(model)))")
        }
        let columns = Array(UnsafeBufferPointer(start: Cbc_getColSolution(model), count: program.columnCount))
        return LinearSolution(objective: Cbc_getObjValue(model), columns: columns, rowDuals: [])
    }
}

/// A linear programme kept loaded in CLP after its first solve, to re-solve it with one row's
/// bounds shifted: the dual simplex starts from the last optimal basis, so a small change costs
/// a few iterations instead of a solve from scratch (the derivatives' re-solves).
final class LPSession {
    private let model: UnsafeMutableRawPointer
    private var rowLower: [Double], rowUpper: [Double]
    private let columnCount: Int
    /// The first solve's result.
    private(set) var solution = LinearSolution(objective: 0, columns: [], rowDuals: [])

    private static func bound(_ x: Double) -> Double {
        x == .infinity ? Double.greatestFiniteMagnitude : x == -.infinity ? -Double.greatestFiniteMagnitude : x
    }

    /// Loads `program` into CLP and solves it.
    /// - Throws: ``BudgetPlanError`` when CLP proves it infeasible or unbounded or stops
    ///   without an optimum.
    init(_ program: LinearProgram) throws(BudgetPlanError) {
        guard let model = Clp_newModel() else { throw BudgetPlanError(.solverFailed, "CLP could not create a model") }
        self.model = model
        rowLower = program.rowLower.map(Self.bound); rowUpper = program.rowUpper.map(Self.bound)
        columnCount = program.columnCount
        Clp_setLogLevel(model, 0)
        let (starts, rows, values) = program.compressedColumns()
        let columnStarts = starts.map { CoinBigIndex($0) }
        Clp_loadProblem(model, Int32(program.columnCount), Int32(program.rowCount), columnStarts, rows, values,
                        program.columnLower.map(Self.bound), program.columnUpper.map(Self.bound), program.objective,
                        rowLower, rowUpper)
        Clp_setObjSense(model, program.maximise ? -1 : 1)
        Clp_setPrimalTolerance(model, 1e-9)
        Clp_setDualTolerance(model, 1e-9)
        _ = Clp_initialSolve(model)
        try check()
        let m = program.rowCount
        solution = LinearSolution(objective: Clp_objectiveValue(model),
                                  columns: Array(UnsafeBufferPointer(start: Clp_getColSolution(model), count: columnCount)),
                                  rowDuals: Array(UnsafeBufferPointer(start: Clp_getRowPrice(model), count: m)))
    }

    deinit { Clp_deleteModel(model) }

    private func check() throws(BudgetPlanError) {
        if Clp_isProvenOptimal(model) != 0 { return }
        if Clp_isProvenPrimalInfeasible(model) != 0 { throw BudgetPlanError(.infeasible, "CLP found the programme infeasible") }
        if Clp_isProvenDualInfeasible(model) != 0 { throw BudgetPlanError(.unbounded, "CLP found the programme unbounded") }
        throw BudgetPlanError(.solverFailed, "CLP stopped without an optimum (status \(Clp_status(model)))")
    }

    /// The optimum with row `row`'s bounds shifted by `lower` and `upper` (the programme is
    /// left as it was for the next call).
    /// - Throws: ``BudgetPlanError`` as ``init(_:)``.
    func objective(shiftingRow row: Int, lower: Double, upper: Double) throws(BudgetPlanError) -> Double {
        let savedLower = rowLower[row], savedUpper = rowUpper[row]
        rowLower[row] = Self.bound(savedLower + lower); rowUpper[row] = Self.bound(savedUpper + upper)
        Clp_chgRowLower(model, rowLower)
        Clp_chgRowUpper(model, rowUpper)
        rowLower[row] = savedLower; rowUpper[row] = savedUpper
        defer {
            Clp_chgRowLower(model, rowLower)
            Clp_chgRowUpper(model, rowUpper)
        }
        _ = Clp_dual(model, 0)
        if Clp_isProvenOptimal(model) == 0 {
            // Rarely the warm start stalls; a solve from the start settles it.
            _ = Clp_initialSolve(model)
        }
        try check()
        return Clp_objectiveValue(model)
    }
}
