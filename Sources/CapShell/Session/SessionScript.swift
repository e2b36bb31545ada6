import CapPlan

/// The normalized `.cap` text that rebuilds a session (`save`): settings that differ from the
/// defaults, then variables, then workloads, each as the command a user would type.
enum SessionScript {
    static func render(_ session: Session) -> String {
        var lines = ["# capplan session, written by 'save'. Replay: capplan run FILE.cap"]
        let defaults = Settings()
        for key in SettingKeys.all {
            let value = key.current(session.settings)
            if value != key.current(defaults) { lines.append("set \(key.spec.key) \(value)") }
        }
        for (name, value) in session.variables {
            lines.append("let \(name) = \(value.sourceText)")
        }
        for workload in session.workloads {
            lines.append(WorkloadKeys.sourceText(workload))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
