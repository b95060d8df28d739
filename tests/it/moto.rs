//! A moto_server on 127.0.0.1 for the AWS tests (STS, ECR), started per test and killed on
//! drop. `.ci/run` installs moto into `.ci/.venv`; `MOTO_SERVER` may point elsewhere.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Run;

pub const ACCOUNT: &str = "111111111111";
pub const REGION: &str = "eu-west-1";

pub struct Moto {
    child: Child,
    pub url: String,
    python: PathBuf,
}

fn find_server() -> PathBuf {
    if let Ok(p) = std::env::var("MOTO_SERVER") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/.venv/bin/moto_server");
    if venv.exists() {
        return venv;
    }
    let on_path = Command::new("sh")
        .args(["-c", "command -v moto_server"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    on_path.unwrap_or_else(|| {
        panic!(
            "moto_server not found: run .ci/run, or `python3 -m venv .ci/.venv && \
             .ci/.venv/bin/pip install 'moto[server]'`, or set MOTO_SERVER"
        )
    })
}

impl Moto {
    pub fn start() -> Moto {
        let server = find_server();
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(&server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_ACCOUNT_ID", ACCOUNT)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "moto_server did not start on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Moto {
            child,
            url: format!("http://127.0.0.1:{port}"),
            python: server.with_file_name("python"),
        }
    }

    /// The environment of a client of this moto (and of nothing else).
    pub fn env(&self, run: Run) -> Run {
        run.env("AWS_ENDPOINT_URL", &self.url)
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_REGION", REGION)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
    }

    /// Run boto3 against this moto (setup and inspection, independent of idp's SDK).
    pub fn boto(&self, code: &str) -> String {
        let script = format!(
            "import boto3, json\necr = boto3.client('ecr', endpoint_url='{}', region_name='{REGION}', \
             aws_access_key_id='test', aws_secret_access_key='test')\n{code}\n",
            self.url
        );
        let out = Command::new(&self.python)
            .args(["-c", &script])
            .output()
            .expect("the venv's python runs");
        assert!(
            out.status.success(),
            "boto3 failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Push an image (a manifest with one layer named by `seed`) tagged `tag`; its digest.
    pub fn push(&self, repo: &str, tag: &str, seed: char) -> String {
        self.boto(&format!(
            "try:\n    ecr.create_repository(repositoryName='{repo}')\nexcept ecr.exceptions.RepositoryAlreadyExistsException:\n    pass\n\
             layer = 'sha256:' + '{seed}' * 64\n\
             m = json.dumps({{'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json', \
             'config': {{'mediaType': 'application/vnd.docker.container.image.v1+json', 'size': 1, 'digest': layer}}, \
             'layers': [{{'mediaType': 'application/vnd.docker.image.rootfs.diff.tar.gzip', 'size': 1, 'digest': layer}}]}})\n\
             r = ecr.put_image(repositoryName='{repo}', imageManifest=m, \
             imageManifestMediaType='application/vnd.docker.distribution.manifest.v2+json', imageTag='{tag}')\n\
             print(r['image']['imageId']['imageDigest'])"
        ))
    }

    /// The tags of `digest`, sorted.
    pub fn tags(&self, repo: &str, digest: &str) -> Vec<String> {
        let out = self.boto(&format!(
            "d = ecr.describe_images(repositoryName='{repo}', imageIds=[{{'imageDigest': '{digest}'}}])\n\
             print(json.dumps(sorted(d['imageDetails'][0].get('imageTags', []))))"
        ));
        serde_json::from_str(&out).expect("a JSON list of tags")
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
