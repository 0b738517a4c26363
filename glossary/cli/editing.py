"""Commands that change concepts in the store: undo."""

from __future__ import annotations

import click

from .base import cli, emit_json, json_option, open_glossary


@cli.command()
@click.argument("concept_id", metavar="ID")
@json_option
@click.pass_context
def undo(ctx: click.Context, concept_id: str, as_json: bool) -> None:
    """Restore the revision before a concept's last change."""
    g = open_glossary(ctx)
    restored = g.undo(concept_id)
    revision = g.history(concept_id)[-1].revision
    if as_json:
        emit_json({"id": concept_id, "revision": revision, "deleted": restored is None})
    elif restored is None:
        click.echo(f"{concept_id}: creation undone; the concept is deleted "
                   f"(revision {revision}); undo again to bring it back")
    else:
        click.echo(f"{concept_id}: restored as revision {revision}")
