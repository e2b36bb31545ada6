import CapPlan

/// `show variables` (the calculator itself is bare expressions, `let` and `assert`).
enum CalculatorCommands {
    static let all = [variables]

    static let variables = CommandSpec(
        path: ["show", "variables"], group: .calculator,
        abstract: "List the variables bound with 'let', and ans.",
        examples: ["show variables"]
    ) { context, _ in
        var table = Table(name: "variables", columns: [.init("name"), .init("value", alignment: .right)])
        for (name, value) in context.session.variables {
            table.rows.append([.text(name), Table.Cell(value.formatted(), value: .number(value.value))])
        }
        if let answer = context.session.answer {
            table.rows.append([.text("ans"), Table.Cell(answer.formatted(), value: .number(answer.value))])
        }
        return CommandResult(.table(table))
    }
}
