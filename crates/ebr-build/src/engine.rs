//! Where the SQL runs: Apache DataFusion in this process, or an Apache Ballista cluster (a
//! remote scheduler, or for tests the standalone mode with scheduler and executor in process).
//! Both take the same SQL; only the `SessionContext` differs.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use ballista::prelude::{SessionConfigExt, SessionContextExt};
use datafusion::error::Result as DfResult;
use datafusion::execution::SessionStateBuilder;
use datafusion::execution::disk_manager::{DiskManagerBuilder, DiskManagerMode};
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};

/// Which engine runs the build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Engine {
    /// DataFusion in process: all cores, a memory limit, spilling to the temp folder past it.
    Embedded {
        /// Bytes the queries may hold in memory before they spill.
        memory_limit: usize,
    },
    /// A Ballista scheduler at `host:port`.
    Ballista {
        /// `host:port` of the scheduler.
        address: String,
    },
    /// Ballista's standalone mode: a scheduler and an executor inside this process.
    BallistaStandalone,
}

/// The default memory limit of the embedded engine: 4 GiB.
pub const DEFAULT_MEMORY_LIMIT: usize = 4 << 30;

impl Default for Engine {
    fn default() -> Engine {
        Engine::Embedded {
            memory_limit: DEFAULT_MEMORY_LIMIT,
        }
    }
}

impl FromStr for Engine {
    type Err = String;

    /// `datafusion`, `ballista://HOST:PORT` or `ballista-standalone`.
    fn from_str(s: &str) -> Result<Engine, String> {
        if s == "datafusion" {
            return Ok(Engine::default());
        }
        if s == "ballista-standalone" {
            return Ok(Engine::BallistaStandalone);
        }
        match s.strip_prefix("ballista://") {
            Some(address)
                if address.rsplit_once(':').is_some_and(|(host, port)| {
                    !host.is_empty() && port.parse::<u16>().is_ok()
                }) =>
            {
                Ok(Engine::Ballista {
                    address: address.to_owned(),
                })
            }
            _ => Err(format!(
                "`{s}` is not an engine: expected datafusion, ballista://HOST:PORT or ballista-standalone"
            )),
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Engine::Embedded { .. } => f.write_str("datafusion"),
            Engine::Ballista { address } => write!(f, "ballista://{address}"),
            Engine::BallistaStandalone => f.write_str("ballista-standalone"),
        }
    }
}

impl Engine {
    /// A session on this engine.
    pub async fn session(&self) -> DfResult<SessionContext> {
        match self {
            Engine::Embedded { memory_limit } => {
                let runtime = RuntimeEnvBuilder::new()
                    .with_memory_limit(*memory_limit, 1.0)
                    .with_disk_manager_builder(
                        DiskManagerBuilder::default().with_mode(DiskManagerMode::OsTmpDirectory),
                    )
                    .build_arc()?;
                // target_partitions defaults to the number of cores.
                let config = SessionConfig::new();
                let state = SessionStateBuilder::new()
                    .with_config(config)
                    .with_runtime_env(Arc::clone(&runtime))
                    .with_default_features()
                    .build();
                Ok(SessionContext::new_with_state(state))
            }
            Engine::Ballista { address } => {
                let state = ballista_state(2);
                SessionContext::remote_with_state(&format!("df://{address}"), state).await
            }
            Engine::BallistaStandalone => {
                let state = ballista_state(1);
                SessionContext::standalone_with_state(state).await
            }
        }
    }
}

fn ballista_state(partitions: usize) -> datafusion::execution::SessionState {
    let config = SessionConfig::new_with_ballista()
        .with_target_partitions(partitions)
        .with_ballista_job_name("ebr build");
    SessionStateBuilder::new()
        .with_config(config)
        .with_default_features()
        .build()
}
