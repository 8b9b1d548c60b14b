"""Background work: a job queue in the database, a ``JobRunner`` that executes jobs, the tasks
(analyse, burn) that run the pipeline on isolated children, and retention."""
