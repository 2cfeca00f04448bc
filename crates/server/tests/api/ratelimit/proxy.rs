//! A TCP proxy in front of Redis that a test cuts or stalls, to play an outage.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const UP: u8 = 0;
const STALLED: u8 = 1;
const DOWN: u8 = 2;

pub struct Proxy {
    /// The Redis URL to connect through the proxy.
    pub url: String,
    mode: Arc<AtomicU8>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
    acceptor: JoinHandle<()>,
}

impl Proxy {
    /// Listens on a free port and forwards to the server of `redis_url`.
    pub async fn start(redis_url: &str) -> Self {
        let mut url = url::Url::parse(redis_url).expect("Redis URL");
        let upstream = format!("{}:{}", url.host_str().unwrap_or("127.0.0.1"), url.port().unwrap_or(6379));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        url.set_host(Some("127.0.0.1")).unwrap();
        url.set_port(Some(listener.local_addr().unwrap().port())).unwrap();
        let (mode, connections) = (Arc::new(AtomicU8::new(UP)), Arc::default());
        let acceptor = tokio::spawn(accept(listener, upstream, mode.clone(), Arc::clone(&connections)));
        Self { url: url.to_string(), mode, connections, acceptor }
    }

    /// Drops every connection and refuses new ones, as a dead server would.
    pub async fn cut(&self) {
        self.mode.store(DOWN, Ordering::SeqCst);
        let connections: Vec<_> = self.connections.lock().unwrap().drain(..).collect();
        for connection in connections {
            connection.abort();
            let _ = connection.await;
        }
    }

    /// Keeps connections open but withholds every reply, as a hung server would.
    pub fn stall(&self) {
        self.mode.store(STALLED, Ordering::SeqCst);
    }

    /// Lets connections and replies through again.
    pub fn restore(&self) {
        self.mode.store(UP, Ordering::SeqCst);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.acceptor.abort();
        self.connections.lock().unwrap().iter().for_each(JoinHandle::abort);
    }
}

async fn accept(
    listener: TcpListener,
    upstream: String,
    mode: Arc<AtomicU8>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
) {
    while let Ok((client, _)) = listener.accept().await {
        if mode.load(Ordering::SeqCst) == DOWN {
            continue; // dropping the socket closes it
        }
        let forward = tokio::spawn(forward(client, upstream.clone(), mode.clone()));
        connections.lock().unwrap().push(forward);
    }
}

async fn forward(mut client: TcpStream, upstream: String, mode: Arc<AtomicU8>) {
    let Ok(mut server) = TcpStream::connect(upstream).await else { return };
    let (mut client_read, mut client_write) = client.split();
    let (mut server_read, mut server_write) = server.split();
    let requests = tokio::io::copy(&mut client_read, &mut server_write);
    let replies = async {
        let mut buffer = vec![0; 16 * 1024];
        loop {
            let read = server_read.read(&mut buffer).await?;
            while mode.load(Ordering::SeqCst) == STALLED {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            if read == 0 {
                return Ok::<_, std::io::Error>(());
            }
            client_write.write_all(&buffer[..read]).await?;
        }
    };
    tokio::select! {
        _ = requests => {}
        _ = replies => {}
    }
}
