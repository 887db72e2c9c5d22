"""`party-coach train`: rebuild the offline reviewer's model from the labelled files."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import fail
from bot.review.offline_model import MODEL_FILE
from bot.training import ROOT, TRAINING_FILES, fit_weights, training_examples, write_weights


@click.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=MODEL_FILE,
    show_default="data/offline-model.json",
    help="Where to write the weights.",
)
def train(out: Path) -> None:
    """Rebuild the offline reviewer's weights from the labelled sets (needs the `dev` extra)."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise fail("training needs scikit-learn: pip install 'party-coach[dev]'") from None
    missing = [name for name in TRAINING_FILES if not (ROOT / name).is_file()]
    if missing:
        raise fail(f"can't find the labelled file {missing[0]} (run this from a checkout beside ../shared)")
    examples = training_examples()
    model = fit_weights(examples)
    write_weights(model, out)
    sources = ", ".join(f"{name} {count}" for name, count in model["trained_on"])
    click.echo(f"trained on {len(examples)} labelled drafts ({sources})")
    click.echo(f"wrote {len(model['weights']):,} weights to {out}")
