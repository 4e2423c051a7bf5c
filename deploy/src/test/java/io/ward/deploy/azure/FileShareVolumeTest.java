package io.ward.deploy.azure;

import io.ward.deploy.ArmWireMock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The names `--data-volume` derives, checked against SHA-256 values computed outside Java (python3 hashlib). */
class FileShareVolumeTest {

    @Test
    void theDerivedAccountNameIsTheGroupsLettersAndAHashOfWhereItLives() {
        String subscription = ArmWireMock.SUBSCRIPTION;
        assertEquals("azlabaci9790a833", FileShareVolume.derivedAccountName(subscription, "azlab-rg", "azlab-aci"));
        assertEquals("azlabaci9790a833", FileShareVolume.derivedAccountName(subscription, "AzLab-RG", "azlab-aci"),
                "resource group names are case-insensitive in Azure");
        assertEquals("ward6a3877a0", FileShareVolume.derivedAccountName(subscription, "azlab-rg", "ward"));
        assertEquals("averylongcontainbfe0a904", FileShareVolume.derivedAccountName(subscription, "azlab-rg",
                "a-very-long-container-group-name-42"), "16 letters and 8 hex digits: 24, the most Azure allows");
        assertFalse(FileShareVolume.derivedAccountName("another-subscription", "azlab-rg", "azlab-aci")
                .equals("azlabaci9790a833"), "another subscription following the same walkthrough gets another name");
    }

    @Test
    void theKeyIsNotInTheTextOfAVolume() {
        assertEquals("wardlab42/defender-state", new FileShareVolume("wardlab42", "defender-state", "k3y-s3cret").toString());
    }
}
