# The staff API's order search (customer_email__icontains, which Django runs on PostgreSQL as
# UPPER("customer_email"::text) LIKE UPPER('%term%')) read every order of the installation: a B-tree
# index cannot serve a substring. A GIN trigram index on the same expression can.
#
# PostgreSQL only, and kept out of the model state (ProductionOrder.Meta does not list it): SQLite,
# the embedded default, has neither pg_trgm nor GIN, and rebuilds a table from the state's indexes.
# Built CONCURRENTLY (hence atomic = False) so a large table keeps taking writes meanwhile.

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models.functions import Upper

from saleor_podops.core.migration_operations import (
    AddIndexConcurrentlyOnPostgreSQL,
    TrigramExtensionKept,
)


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ('podops_production', '0005_order_language_code'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                TrigramExtensionKept(),
                AddIndexConcurrentlyOnPostgreSQL(
                    model_name='productionorder',
                    index=GinIndex(
                        OpClass(Upper('customer_email'), name='gin_trgm_ops'),
                        name='prodorder_email_trgm',
                    ),
                ),
            ],
        ),
    ]
