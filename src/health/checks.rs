//! What is wrong with one object, in the words of `kubectl describe`: a node not Ready or under
//! pressure, a pod crash-looping (`CrashLoopBackOff, 14 restarts`), an Argo CD application out
//! of sync, an ExternalSecret not Ready, an ingress without an address. Pure functions on the
//! objects as the API returns them; `None` means healthy. And [`Tally`], which counts objects
//! and keeps only the first few problems, so a check's memory does not grow with the cluster.

use k8s_openapi::api::core::v1::{Node, Pod};
use k8s_openapi::api::networking::v1::Ingress;
use serde::Deserialize;

use super::{Check, Status};

/// How many failed objects a check lists; the rest are counted.
pub const LISTED: usize = 10;

/// Why a node is not healthy: not Ready, or under memory, disk or PID pressure.
pub fn node_problem(node: &Node) -> Option<String> {
    let conditions = node
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_deref())
        .unwrap_or_default();
    let mut problems = Vec::new();
    match conditions.iter().find(|c| c.type_ == "Ready") {
        None => problems.push("NotReady (no Ready condition reported)".to_string()),
        Some(c) if c.status != "True" => problems.push(format!(
            "NotReady{}",
            because(c.reason.as_deref(), c.message.as_deref())
        )),
        Some(_) => {}
    }
    for c in conditions {
        let pressure = matches!(
            c.type_.as_str(),
            "MemoryPressure" | "DiskPressure" | "PIDPressure" | "NetworkUnavailable"
        );
        if pressure && c.status == "True" {
            problems.push(format!(
                "{}{}",
                c.type_,
                because(c.reason.as_deref(), c.message.as_deref())
            ));
        }
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// ` (Reason: message)`, or what there is of it.
fn because(reason: Option<&str>, message: Option<&str>) -> String {
    let reason = reason.filter(|r| !r.is_empty());
    let message = message.filter(|m| !m.is_empty());
    match (reason, message) {
        (Some(r), Some(m)) => format!(" ({r}: {m})"),
        (Some(r), None) => format!(" ({r})"),
        (None, Some(m)) => format!(" ({m})"),
        (None, None) => String::new(),
    }
}

fn restarts(n: i32) -> String {
    format!("{n} restart{}", if n == 1 { "" } else { "s" })
}

/// Why a pod is not healthy: not Running and Ready (a completed pod is fine), with the reason
/// of the container that holds it back.
pub fn pod_problem(pod: &Pod) -> Option<String> {
    let status = pod.status.as_ref()?;
    let phase = status.phase.as_deref().unwrap_or("Unknown");
    if phase == "Succeeded" {
        return None;
    }
    let containers = status
        .init_container_statuses
        .iter()
        .flatten()
        .chain(status.container_statuses.iter().flatten());
    // The first container that is waiting or terminated badly says the most.
    for c in containers {
        let state = c.state.as_ref();
        if let Some(w) = state.and_then(|s| s.waiting.as_ref()) {
            let reason = w.reason.as_deref().unwrap_or("Waiting");
            let mut text = format!("{reason}, {}", restarts(c.restart_count));
            if let Some(last) = c.last_state.as_ref().and_then(|s| s.terminated.as_ref()) {
                text.push_str(&format!(
                    " (container `{}` last exited {}{})",
                    c.name,
                    last.exit_code,
                    last.reason
                        .as_deref()
                        .map(|r| format!(", {r}"))
                        .unwrap_or_default()
                ));
            } else if let Some(m) = w.message.as_deref().filter(|m| !m.is_empty()) {
                text.push_str(&format!(" (container `{}`: {m})", c.name));
            }
            return Some(text);
        }
        if let Some(t) = state.and_then(|s| s.terminated.as_ref())
            && t.exit_code != 0
        {
            return Some(format!(
                "{}, exit code {}, {}",
                t.reason.as_deref().unwrap_or("Terminated"),
                t.exit_code,
                restarts(c.restart_count)
            ));
        }
    }
    let condition = |kind: &str| status.conditions.iter().flatten().find(|c| c.type_ == kind);
    match phase {
        "Running" => {
            let ready = condition("Ready").is_some_and(|c| c.status == "True");
            if ready {
                return None;
            }
            let statuses = status.container_statuses.as_deref().unwrap_or_default();
            let n = statuses.iter().filter(|c| c.ready).count();
            let restarted: i32 = statuses.iter().map(|c| c.restart_count).sum();
            Some(format!(
                "Running but not Ready ({n}/{} containers ready, {})",
                statuses.len(),
                restarts(restarted)
            ))
        }
        "Pending" => {
            let scheduled = condition("PodScheduled");
            match scheduled {
                Some(c) if c.status != "True" => Some(format!(
                    "Pending{}",
                    because(c.reason.as_deref(), c.message.as_deref())
                )),
                _ => Some("Pending".to_string()),
            }
        }
        other => Some(format!(
            "{other}{}",
            because(status.reason.as_deref(), status.message.as_deref())
        )),
    }
}

/// The pod's `k8s-app` label (CoreDNS is `kube-dns`), if any.
pub fn k8s_app(pod: &Pod) -> Option<&str> {
    pod.metadata
        .labels
        .as_ref()
        .and_then(|l| l.get("k8s-app"))
        .map(String::as_str)
}

/// The addresses an ingress's load balancer publishes: `host` or `host:port`.
pub fn ingress_addresses(ing: &Ingress) -> Vec<String> {
    ing.status
        .as_ref()
        .and_then(|s| s.load_balancer.as_ref())
        .and_then(|lb| lb.ingress.as_ref())
        .into_iter()
        .flatten()
        .filter_map(|i| {
            let host = i
                .hostname
                .clone()
                .filter(|h| !h.is_empty())
                .or_else(|| i.ip.clone().filter(|ip| !ip.is_empty()))?;
            let port = i
                .ports
                .as_ref()
                .and_then(|p| p.first())
                .map(|p| p.port)
                .filter(|p| *p != 80);
            Some(match port {
                Some(p) => format!("{host}:{p}"),
                None => host,
            })
        })
        .collect()
}

/// An Argo CD `Application`, as much of it as health needs.
#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Application {
    pub metadata: Meta,
    pub status: AppStatus,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Meta {
    pub name: String,
    pub namespace: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct AppStatus {
    pub sync: StatusField,
    pub health: HealthField,
    pub conditions: Vec<Condition>,
    pub operation_state: Option<OperationState>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct StatusField {
    pub status: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct HealthField {
    pub status: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Condition {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: Option<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct OperationState {
    pub phase: Option<String>,
    pub message: Option<String>,
}

/// Why an application is not `Synced` and `Healthy`.
pub fn app_problem(app: &Application) -> Option<String> {
    let sync = app.status.sync.status.as_deref().unwrap_or("Unknown");
    let health = app.status.health.status.as_deref().unwrap_or("Unknown");
    if sync == "Synced" && health == "Healthy" {
        return None;
    }
    let mut text = format!("{sync}, {health}");
    // The first error condition, else a failed operation, else the health message.
    let why = app
        .status
        .conditions
        .iter()
        .find(|c| c.kind.ends_with("Error"))
        .map(|c| format!("{}: {}", c.kind, c.message.as_deref().unwrap_or_default()))
        .or_else(|| {
            app.status
                .operation_state
                .as_ref()
                .filter(|o| matches!(o.phase.as_deref(), Some("Failed" | "Error")))
                .and_then(|o| o.message.clone())
        })
        .or_else(|| app.status.health.message.clone())
        .filter(|m| !m.is_empty());
    if let Some(w) = why {
        text.push_str(&format!(" ({w})"));
    }
    Some(text)
}

/// An ExternalSecret, as much of it as health needs.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ExternalSecret {
    pub metadata: Meta,
    pub status: ConditionsStatus,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ConditionsStatus {
    pub conditions: Vec<Condition>,
}

/// Why an ExternalSecret is not `Ready`.
pub fn external_secret_problem(es: &ExternalSecret) -> Option<String> {
    match es.status.conditions.iter().find(|c| c.kind == "Ready") {
        Some(c) if c.status.as_deref() == Some("True") => None,
        Some(c) => Some(format!(
            "not Ready{}",
            because(c.reason.as_deref(), c.message.as_deref())
        )),
        None => Some("not Ready (no Ready condition yet: never synced)".to_string()),
    }
}

/// Counts a check's objects and keeps the first [`LISTED`] problems.
pub struct Tally {
    tier: u8,
    check: &'static str,
    pub total: u64,
    pub failed: u64,
    rows: Vec<Check>,
}

impl Tally {
    pub fn new(tier: u8, check: &'static str) -> Self {
        Tally {
            tier,
            check,
            total: 0,
            failed: 0,
            rows: Vec::new(),
        }
    }

    /// One object and its problem (`None`: healthy). `object` is only built when listed.
    pub fn see(&mut self, object: impl FnOnce() -> String, problem: Option<String>) {
        self.total += 1;
        if let Some(p) = problem {
            self.fail(object(), p);
        }
    }

    /// A problem that is not one object's (a missing root application, a list that failed).
    pub fn fail(&mut self, object: String, problem: String) {
        self.failed += 1;
        if self.rows.len() < LISTED {
            self.rows
                .push(Check::failed(self.tier, self.check, Some(object), problem));
        }
    }

    /// The rows of the check: one `ok` row saying what was seen, or a row per listed problem
    /// and one for those not listed.
    pub fn finish(mut self, ok: impl FnOnce(u64) -> String) -> Vec<Check> {
        if self.failed == 0 {
            return vec![Check::ok(self.tier, self.check, ok(self.total))];
        }
        let unlisted = self.failed - self.rows.len() as u64;
        if unlisted > 0 {
            self.rows.push(Check {
                tier: self.tier,
                check: self.check.to_string(),
                object: None,
                status: Status::Failed,
                detail: format!("and {unlisted} more (of {} checked)", self.total),
                runbook: super::runbook(self.tier).to_string(),
            });
        }
        self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_crash_looping_pod_says_how_often() {
        let pod: Pod = from(serde_json::json!({
            "metadata": {"name": "coredns-1", "namespace": "kube-system"},
            "status": {"phase": "Running", "containerStatuses": [{
                "name": "coredns", "ready": false, "restartCount": 14, "image": "x", "imageID": "",
                "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s"}},
                "lastState": {"terminated": {"exitCode": 1, "reason": "Error"}}}]}
        }));
        assert_eq!(
            pod_problem(&pod).unwrap(),
            "CrashLoopBackOff, 14 restarts (container `coredns` last exited 1, Error)"
        );
        let done: Pod = from(serde_json::json!({"metadata": {}, "status": {"phase": "Succeeded"}}));
        assert_eq!(pod_problem(&done), None);
        let pending: Pod = from(
            serde_json::json!({"metadata": {}, "status": {"phase": "Pending",
            "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                            "message": "0/3 nodes are available"}]}}),
        );
        assert_eq!(
            pod_problem(&pending).unwrap(),
            "Pending (Unschedulable: 0/3 nodes are available)"
        );
    }

    #[test]
    fn nodes_not_ready_or_under_pressure() {
        let node: Node = from(
            serde_json::json!({"metadata": {"name": "n"}, "status": {"conditions": [
            {"type": "Ready", "status": "True"},
            {"type": "DiskPressure", "status": "True", "reason": "KubeletHasDiskPressure"}]}}),
        );
        assert_eq!(
            node_problem(&node).unwrap(),
            "DiskPressure (KubeletHasDiskPressure)"
        );
        let node: Node = from(
            serde_json::json!({"metadata": {"name": "n"}, "status": {"conditions": [
            {"type": "Ready", "status": "Unknown", "reason": "NodeStatusUnknown",
             "message": "Kubelet stopped posting node status."}]}}),
        );
        assert_eq!(
            node_problem(&node).unwrap(),
            "NotReady (NodeStatusUnknown: Kubelet stopped posting node status.)"
        );
    }

    #[test]
    fn a_tally_lists_a_few_and_counts_the_rest() {
        let mut t = Tally::new(0, "nodes");
        for i in 0..25 {
            t.see(
                || format!("node/n{i}"),
                (i % 2 == 0).then(|| "NotReady".into()),
            );
        }
        let rows = t.finish(|n| format!("{n} Ready"));
        assert_eq!(rows.len(), LISTED + 1);
        assert_eq!(rows[LISTED].detail, "and 3 more (of 25 checked)");
        let mut t = Tally::new(0, "nodes");
        t.see(|| unreachable!("a healthy object is not named"), None);
        assert_eq!(t.finish(|n| format!("{n} Ready"))[0].detail, "1 Ready");
    }
}
