using System.Text.Json.Nodes;

namespace Mosovo.Tests.Disclosures;

/// <summary>Valid disclosure request bodies that tests change one field at a time.</summary>
public static class DisclosureRequests
{
    public static JsonObject ChildContact(DateTimeOffset receivedAt) => new()
    {
        ["kind"] = "NewChildContact",
        ["source"] = new JsonObject { ["kind"] = "ThirdParty", ["name"] = "Pat Neighbour", ["relationshipToOffender"] = "neighbour" },
        ["receivedAt"] = receivedAt.ToString("O"),
        ["details"] = "Seen collecting a girl from school twice this week.",
        ["childContact"] = new JsonObject
        {
            ["children"] = new JsonArray(new JsonObject { ["initialsOrName"] = "A.E.", ["ageYears"] = 8 }),
            ["parentOrCarer"] = new JsonObject { ["name"] = "Sam Carer", ["relationshipToChild"] = "mother", ["addressOrContact"] = "2 Example Street, Demotown ZZ1 1AB" },
            ["howContactArises"] = "Collects the child from school for her mother.",
        },
    };

    public static JsonObject Relationship(DateTimeOffset receivedAt, bool partnerHasChildren) => new()
    {
        ["kind"] = "NewRelationship",
        ["source"] = new JsonObject { ["kind"] = "Offender" },
        ["receivedAt"] = receivedAt.ToString("O"),
        ["details"] = "Told his manager at a visit that he has a new girlfriend.",
        ["relationship"] = partnerHasChildren
            ? new JsonObject
            {
                ["partnerName"] = "Jo Partner",
                ["partnerAddressOrContact"] = "07700 900001",
                ["partnerHasChildrenUnder18"] = true,
                ["partnerRelationshipToChildren"] = "mother",
                ["children"] = new JsonArray(new JsonObject { ["ageYears"] = 6 }, new JsonObject { ["initialsOrName"] = "B.P.", ["ageYears"] = 12 }),
            }
            : new JsonObject { ["partnerName"] = "Jo Partner", ["partnerHasChildrenUnder18"] = false },
    };

    public static JsonObject Employment(DateTimeOffset receivedAt, bool accessToChildren) => new()
    {
        ["kind"] = "NewEmploymentOrVoluntaryWork",
        ["source"] = new JsonObject { ["kind"] = "PartnerAgency", ["agencyName"] = "Probation Service", ["name"] = "PO Chris Officer" },
        ["receivedAt"] = receivedAt.ToString("O"),
        ["details"] = "Started volunteering at a sports club.",
        ["employment"] = new JsonObject { ["employer"] = "Demotown Sports Club", ["role"] = "Volunteer coach", ["givesAccessToChildren"] = accessToChildren },
    };

    public static JsonObject RiskDisclosure(DateTimeOffset disclosedAt, Guid? respondsTo) => new()
    {
        ["disclosedTo"] = new JsonObject { ["name"] = "Sam Carer", ["role"] = "Parent", ["relationship"] = "mother of the child", ["contact"] = "2 Example Street, Demotown ZZ1 1AB" },
        ["disclosedBy"] = new JsonObject { ["id"] = "DC1234", ["name"] = "DC Test Manager" },
        ["disclosedAt"] = disclosedAt.ToString("O"),
        ["whatWasSaid"] = "Told her of his conviction for a sexual offence against a child and that he should not have unsupervised contact.",
        ["lawfulBasis"] = "Common law power to disclose to prevent crime and protect children.",
        ["whyNecessaryAndProportionate"] = "Unsupervised contact with a child of his victim's age; she could not protect her daughter without knowing.",
        ["respondsToDisclosureId"] = respondsTo,
    };
}
