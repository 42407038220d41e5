using System.CommandLine;
using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Indexer.Training;

namespace HkInnoBot.Indexer.Cli;

internal static class TrainCommand
{
    public static Command Create()
    {
        var bank = new Argument<string>("bank") { Description = "The question bank folder (its train/ split is read, never test/)" };
        var output = new Option<string>("--out")
        {
            Description = "Where the model files go",
            DefaultValueFactory = _ => Path.Combine("indexer", "HkInnoBot.Search", "Models"),
        };
        var command = CommonOptions.IndexCommand("train", "Fit the decision models (answer, partial, context, short) on the question bank's train split");
        command.Arguments.Add(bank);
        var crossValidate = new Option<bool>("--cross-validate") { Description = "Only report the answer decision left-one-writer-out on train; write nothing" };
        command.Options.Add(output);
        command.Options.Add(crossValidate);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(bank)!;
            if (!QuestionBank.IsBank(path))
            {
                Console.Error.WriteLine($"train: {path} is not a question bank (a folder with train/ and test/)");
                return 2;
            }
            var trainer = new Trainer(CommonOptions.Settings(parse), path, Console.Error.WriteLine);
            if (parse.GetValue(crossValidate))
            {
                trainer.CrossValidate();
                return 0;
            }
            var decisions = trainer.Train();
            Trainer.Save(decisions, parse.GetValue(output)!);
            Console.Error.WriteLine($"models written to {Path.GetFullPath(parse.GetValue(output)!)}; rebuild to ship them");
            return 0;
        });
        return command;
    }
}
