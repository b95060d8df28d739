//! A commented, valid request of every kind (`idp provision example <kind>`): what a request
//! file looks like, each field explained beside it. Each one is accepted as it is by `idp
//! provision <kind> -f` on a platform made by `idp init` (tested), and its metadata is complete
//! for `idp docs coverage`.

/// The example request of `kind` (`s3`, `rds`, …), or `None` for a kind idp does not know.
pub fn example(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "s3" => include_str!("examples/s3.yaml"),
        "rds" => include_str!("examples/rds.yaml"),
        "ebs" => include_str!("examples/ebs.yaml"),
        "ec2" => include_str!("examples/ec2.yaml"),
        "ecr" => include_str!("examples/ecr.yaml"),
        "eks" => include_str!("examples/eks.yaml"),
        "secrets" => include_str!("examples/secrets.yaml"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_kind_has_an_example_that_parses() {
        for kind in super::super::KINDS {
            let text = super::example(kind.name).unwrap_or_else(|| panic!("no {}", kind.name));
            let doc = crate::yaml::parse(text).unwrap();
            assert!(
                doc.value.get("id").is_none(),
                "{}: idp allocates the id",
                kind.name
            );
            assert_eq!(doc.value["environment"], "dev", "{}", kind.name);
        }
    }
}
