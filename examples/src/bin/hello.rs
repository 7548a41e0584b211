//! `hello`: the smallest complete Mesos framework. Runs `echo hello` once on any agent,
//! prints the task's status updates, and tears the framework down when the task has ended.
//! Usage: `hello [MASTER]`, MASTER as `host:port` (default `127.0.0.1:5050`),
//! `http(s)://host:port` or `zk://host:port/mesos`. README.md shows this file whole.

use futures_util::StreamExt;
use mesos_sdk::builders::TaskBuilder;
use mesos_sdk::offers::{ResourceRequest, find_fit, launch, refuse_for};
use mesos_sdk::scheduler::{SchedulerConfig, Session, TypedEvent};
use mesos_sdk::task_state::is_terminal;
use mesos_sdk::v1::FrameworkInfo;

#[tokio::main]
async fn main() -> Result<(), mesos_sdk::Error> {
    let master = std::env::args().nth(1).unwrap_or("127.0.0.1:5050".into());
    let framework = FrameworkInfo {
        user: std::env::var("USER").unwrap_or("root".into()), // the Unix user tasks run as
        name: "hello".into(),
        ..Default::default()
    };
    // The session follows the leading master, re-subscribes and acknowledges updates.
    let detector = mesos_sdk::detector::for_url(&master)?;
    let (scheduler, events) = Session::start(SchedulerConfig::new(framework), detector)?;
    let mut events = events.typed();
    let wanted = ResourceRequest::new().cpus(0.1).mem(32.0);
    let mut launched = false;

    while let Some(event) = events.next().await {
        match event? {
            TypedEvent::Offers(offers) => {
                for offer in offers {
                    let Some(resources) = find_fit(&offer, &wanted).filter(|_| !launched) else {
                        scheduler
                            .decline(vec![offer.id], Some(refuse_for(3600.0)))
                            .await?;
                        continue;
                    };
                    let task = TaskBuilder::new("hello-1", &offer.agent_id)
                        .shell("echo hello")
                        .resources(resources)
                        .build();
                    scheduler
                        .accept(vec![offer.id], vec![launch(vec![task])], None)
                        .await?;
                    scheduler.suppress(vec![]).await?; // no more offers wanted
                    launched = true;
                }
            }
            TypedEvent::Update(status) => {
                println!(
                    "{} is {}",
                    status.task_id.value,
                    status.state().as_str_name()
                );
                if is_terminal(status.state()) {
                    scheduler.teardown().await?; // removes the framework from the master
                    break;
                }
            }
            _ => {}
        }
    }
    Ok(())
}
