//! `idp docs lint`: the metadata of every doc, app, request and environment, owners, links and
//! catalog quality (exit 3 on findings).

use crate::ctx::Ctx;
use crate::docs::inventory::Inventory;
use crate::docs::lint;
use crate::platform::WorkTree;

pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let root = ctx.root()?;
    let tree = WorkTree::new(root);
    let inv = Inventory::load(&tree)?;
    let findings = lint::lint(&tree, &inv, Some(root))?;
    super::super::lint_result(
        ctx,
        &findings,
        &format!("{} docs and entities pass", inv.items.len()),
    )
}
