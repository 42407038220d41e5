using System.CommandLine;
using HkInnoBot.Indexer.Cli;

var root = new RootCommand("HkInnoBot indexer: builds the passage index from corpus/, searches it and evaluates it.");
root.Subcommands.Add(BuildCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(ReviewCommand.Create());
return root.Parse(args).Invoke();
