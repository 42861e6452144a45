/// The errors and warnings of one build, with their caps: a message is made only for a finding
/// that is kept.
struct BuildLog {
    let maxErrors: Int
    let names: SupplyGraphBuilder.RecordNames
    var errors: [Diagnostic] = []
    var omittedErrors = 0
    var warnings: DiagnosticList

    init(options: SupplyGraphBuilder.Options) {
        maxErrors = options.maxErrors
        names = options.names
        warnings = DiagnosticList(keptPerCode: options.warningsKeptPerCode)
    }

    var hasErrors: Bool { !errors.isEmpty || omittedErrors > 0 }

    mutating func error(_ code: Diagnostic.Code, _ subject: SupplyGraphBuilder.Subject, _ field: SupplyGraphBuilder.Field?,
                        related: SupplyGraphBuilder.Subject? = nil, relation: Diagnostic.Relation? = nil,
                        _ message: @autoclosure () -> String) {
        guard errors.count < maxErrors else { omittedErrors += 1; return }
        errors.append(Diagnostic(.error, code: code, message: message(), subject: subject, field: field,
                                 related: related, relation: relation))
    }

    mutating func warn(_ code: Diagnostic.Code, _ subject: SupplyGraphBuilder.Subject, _ field: SupplyGraphBuilder.Field?,
                       related: SupplyGraphBuilder.Subject? = nil, relation: Diagnostic.Relation? = nil,
                       _ message: @autoclosure () -> String) {
        warnings.add(code) {
            Diagnostic(.warning, code: code, message: message(), subject: subject, field: field, related: related, relation: relation)
        }
    }

    func failure() -> SupplyGraphBuilder.BuildFailure {
        SupplyGraphBuilder.BuildFailure(errors: errors, omittedErrorCount: omittedErrors, warnings: warnings)
    }
}
