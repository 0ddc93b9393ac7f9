"""What every ``eurasec-archive`` command shares: the context holding the archive object,
the group that turns domain errors into one-line messages, and the engine options."""

from __future__ import annotations

import functools
import os
import sys

import click

from eurasec_archive.archive import Archive
from eurasec_archive.errors import ArchiveError


class Context:
    """What every command works on: the one Archive object of ``--archive-dir``."""

    def __init__(self, archive_dir: str):
        self.archive = Archive(archive_dir)


class ArchiveGroup(click.Group):
    """Turns domain errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ArchiveError as e:
            click.echo(f"Error: {e.message}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted; the archive is consistent. Run the same command again to finish.",
                       err=True)
            sys.exit(130)


pass_ctx = click.make_pass_decorator(Context)


def engine_options(command):
    """--engine and --opensearch-url (env EURASEC_ENGINE, EURASEC_OPENSEARCH_URL): the search
    engine the command uses (index/engine.py); --opensearch-user and --opensearch-ca for a
    secured cluster (the client reads them from the environment: index/opensearch/client.py).
    Put below ``@pass_ctx``."""

    @functools.wraps(command)
    def run(obj: Context, *args, engine=None, opensearch_url=None, opensearch_user=None,
            opensearch_ca=None, **kwargs):
        for name, value in (("EURASEC_OPENSEARCH_USER", opensearch_user), ("EURASEC_OPENSEARCH_CA", opensearch_ca)):
            if value:
                os.environ[name] = value
        obj.archive.use_engine(engine, opensearch_url)
        return command(obj, *args, **kwargs)

    run = click.option("--opensearch-ca", envvar="EURASEC_OPENSEARCH_CA", metavar="PEM",
                       type=click.Path(exists=True, dir_okay=False),
                       help="Certificate authorities (PEM) to check an https cluster against "
                            "(env EURASEC_OPENSEARCH_CA; default: the system's).")(run)
    run = click.option("--opensearch-user", envvar="EURASEC_OPENSEARCH_USER", metavar="NAME",
                       help="Basic-auth user for the cluster; the password from EURASEC_OPENSEARCH_PASSWORD "
                            "(env EURASEC_OPENSEARCH_USER).")(run)
    run = click.option("--opensearch-url", envvar="EURASEC_OPENSEARCH_URL", metavar="URL",
                       help="The OpenSearch cluster: http(s)://HOST:PORT[,http(s)://HOST2:PORT...][/INDEX] "
                            "(env EURASEC_OPENSEARCH_URL).")(run)
    return click.option("--engine", type=click.Choice(["whoosh", "opensearch"]), envvar="EURASEC_ENGINE",
                        help="Search engine: whoosh (embedded, default) or opensearch (env EURASEC_ENGINE).")(run)
